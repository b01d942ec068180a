import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Phase } from '../../../../../shared/board/templates';
import type { SessionView } from '../../../../../shared/schemas/api';
import { CARD_KINDS, type CardKind } from '../../../../../shared/schemas/cards';
import { api } from '../../../api/endpoints';
import { useAction } from '../../../app/use-action';
import { KindIcon } from '../../../components/KindLabel';
import { LiveMessage } from '../../../components/LiveMessage';
import { usePhaseTitle } from '../../../components/PhaseSummary';
import { newId } from '../../../realtime/ids';

const MAX_PHASES = 30;

/** The programme: each phase's name, length in minutes and the card kinds it takes; add, remove, reorder, save. */
export function PhasesEditor({ session, onChange }: { session: SessionView; onChange: (session: SessionView) => void }) {
  const { t } = useTranslation();
  const [phases, setPhases] = useState<Phase[]>(session.phases);
  const action = useAction();

  const update = (index: number, patch: Partial<Phase>) => setPhases((list) => list.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  const move = (index: number, by: -1 | 1) =>
    setPhases((list) => {
      const next = [...list];
      [next[index], next[index + by]] = [next[index + by], next[index]];
      return next;
    });
  const add = () => setPhases((list) => [...list, { key: `p-${newId().slice(0, 8)}`, title: t('prep.newPhase'), durationSec: 600, allowedKinds: [] }]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = await action.run(() => api.setPhases(session.id, phases), () => t('prep.phasesSaved'));
    if (next) onChange(next);
  };

  return (
    <section className="panel" aria-labelledby="prep-phases-heading">
      <h2 id="prep-phases-heading">{t('prep.phasesTitle')}</h2>
      <form className="stack" onSubmit={submit}>
        <ol className="phase-list">
          {phases.map((phase, index) => (
            <PhaseRow
              key={phase.key}
              phase={phase}
              index={index}
              count={phases.length}
              onChange={(patch) => update(index, patch)}
              onMove={(by) => move(index, by)}
              onRemove={() => setPhases((list) => list.filter((_, i) => i !== index))}
            />
          ))}
        </ol>
        <div className="button-row">
          <button type="button" className="button-quiet" onClick={add} disabled={phases.length >= MAX_PHASES}>
            {t('prep.phaseAdd')}
          </button>
          <button type="submit" className="button-primary" disabled={action.busy || phases.length === 0}>
            {t('prep.phasesSave')}
          </button>
        </div>
        <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
      </form>
    </section>
  );
}

interface PhaseRowProps {
  phase: Phase;
  index: number;
  count: number;
  onChange: (patch: Partial<Phase>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

function PhaseRow({ phase, index, count, onChange, onMove, onRemove }: PhaseRowProps) {
  const { t } = useTranslation();
  const phaseTitle = usePhaseTitle();
  const name = phaseTitle(phase);
  const id = `phase-${phase.key}`;
  const toggleKind = (kind: CardKind, on: boolean) =>
    onChange({ allowedKinds: CARD_KINDS.filter((k) => (k === kind ? on : phase.allowedKinds.includes(k))) });
  return (
    <li>
      <fieldset className="phase-row">
        <legend>{t('prep.phaseNumber', { index: index + 1, title: name })}</legend>
        <div className="field">
          <label htmlFor={`${id}-title`}>{t('prep.phaseTitle')}</label>
          <input id={`${id}-title`} maxLength={80} value={phase.title} placeholder={name} onChange={(e) => onChange({ title: e.target.value })} />
        </div>
        <div className="field field-short">
          <label htmlFor={`${id}-minutes`}>{t('prep.phaseMinutes')}</label>
          <input
            id={`${id}-minutes`}
            type="number"
            min={0}
            max={360}
            inputMode="numeric"
            value={Math.round(phase.durationSec / 60)}
            onChange={(e) => onChange({ durationSec: Math.max(0, Math.min(360, Number(e.target.value) || 0)) * 60 })}
          />
        </div>
        <fieldset className="kind-checks">
          <legend>{t('prep.phaseKinds')}</legend>
          {CARD_KINDS.map((kind) => (
            <label key={kind} className={`check kind-${kind}`}>
              <input type="checkbox" checked={phase.allowedKinds.includes(kind)} onChange={(e) => toggleKind(kind, e.target.checked)} />
              <KindIcon kind={kind} />
              {t(`cardKind.${kind}`)}
            </label>
          ))}
        </fieldset>
        <div className="button-row">
          <button type="button" className="button-quiet" disabled={index === 0} onClick={() => onMove(-1)} aria-label={t('prep.moveUp', { title: name })}>
            ↑
          </button>
          <button type="button" className="button-quiet" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={t('prep.moveDown', { title: name })}>
            ↓
          </button>
          <button type="button" className="button-quiet" disabled={count === 1} onClick={onRemove} aria-label={t('prep.remove', { title: name })}>
            {t('common.delete')}
          </button>
        </div>
      </fieldset>
    </li>
  );
}
