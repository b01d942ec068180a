import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpaceView } from '../../../../shared/schemas/spaces';
import { organizationTypesApi } from '../../api/organization-types';
import { useAction } from '../../app/use-action';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { spacesApi } from './spaces-api';

type Own = SpaceView['organizationTypes']['added'][number];
type NewOwn = Omit<Own, 'id'> & { id?: string };

/** The space's organisation types: installation types it uses (checked) and types of its own. */
export function SpaceTypesForm({ space, canManage, onSaved }: { space: SpaceView; canManage: boolean; onSaved: (view: SpaceView) => void }) {
  const { t, i18n } = useTranslation();
  const [installation] = useLoad(() => organizationTypesApi.listAll(i18n.language), [i18n.language]);
  const [retired, setRetired] = useState<ReadonlySet<string>>(new Set(space.organizationTypes.retired));
  const [own, setOwn] = useState<NewOwn[]>(space.organizationTypes.added);
  const action = useAction();
  const toggle = (id: string, used: boolean) => {
    const next = new Set(retired);
    if (used) next.delete(id);
    else next.add(id);
    setRetired(next);
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const added = own.map((o) => ({ ...(o.id ? { id: o.id } : {}), labelJa: o.labelJa, ...(o.labelEn ? { labelEn: o.labelEn } : {}) }));
    const saved = await action.run(() => spacesApi.patch(space.id, { organizationTypes: { retired: [...retired], added } }), () => t('spaces.saved'));
    if (!saved) return;
    setOwn(saved.organizationTypes.added);
    onSaved(saved);
  };
  const active = installation.state === 'done' ? installation.value.filter((e) => !e.retired) : [];
  return (
    <section className="panel stack" aria-labelledby="space-types-heading">
      <h2 id="space-types-heading">{t('spaces.types')}</h2>
      <p className="hint">{t('spaces.typesHint')}</p>
      <form className="stack" onSubmit={save}>
        <fieldset className="choice-group" disabled={!canManage}>
          <legend>{t('spaces.types')}</legend>
          {active.map((e) => (
            <label key={e.id} className="choice">
              <input type="checkbox" checked={!retired.has(e.id)} onChange={(ev) => toggle(e.id, ev.target.checked)} />
              {e.label}
            </label>
          ))}
        </fieldset>
        <h3>{t('spaces.ownTypes')}</h3>
        {own.length === 0 ? (
          <p className="muted">{t('spaces.noOwnTypes')}</p>
        ) : (
          <ul className="stack">
            {own.map((o, i) => (
              <li key={o.id ?? `new-${i}`} className="title-row">
                <span>{o.labelJa}{o.labelEn && o.labelEn !== o.labelJa ? ` / ${o.labelEn}` : ''}</span>
                {canManage && (
                  <button type="button" className="button-quiet" onClick={() => setOwn(own.filter((_, j) => j !== i))} aria-label={t('spaces.removeType', { label: o.labelJa })}>
                    {t('common.delete')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canManage && <AddOwnType onAdd={(o) => setOwn([...own, o])} />}
        {canManage && (
          <button type="submit" disabled={action.busy}>
            {t('spaces.saveTypes')}
          </button>
        )}
        <LiveMessage tone={action.message?.tone}>{action.message?.text ?? ''}</LiveMessage>
      </form>
    </section>
  );
}

function AddOwnType({ onAdd }: { onAdd: (o: NewOwn) => void }) {
  const { t } = useTranslation();
  const [labelJa, setLabelJa] = useState('');
  const [labelEn, setLabelEn] = useState('');
  const add = () => {
    if (!labelJa.trim()) return;
    onAdd({ labelJa: labelJa.trim(), labelEn: labelEn.trim() });
    setLabelJa('');
    setLabelEn('');
  };
  return (
    <div className="form-grid">
      <div className="field">
        <label htmlFor="space-type-ja">{t('spaces.ownTypeLabel')}</label>
        <input id="space-type-ja" maxLength={60} value={labelJa} onChange={(e) => setLabelJa(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="space-type-en">{t('spaces.ownTypeLabelEn')}</label>
        <input id="space-type-en" maxLength={60} value={labelEn} onChange={(e) => setLabelEn(e.target.value)} />
      </div>
      <button type="button" className="button-quiet" onClick={add} disabled={!labelJa.trim()}>
        {t('spaces.addType')}
      </button>
    </div>
  );
}
