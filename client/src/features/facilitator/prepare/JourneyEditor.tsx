import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardView } from '../../../realtime/board';
import { addStage, moveStage, removeStage, renameStage } from '../../../realtime/board-edit';

/** The customer-journey stages (知る → 行ってみる → …): rename, reorder, remove, add; written live to the main board. */
export function JourneyEditor({ board }: { board: BoardView }) {
  const { t } = useTranslation();
  const { doc, stages } = board;
  const [draft, setDraft] = useState('');
  const disabled = !doc || !board.synced;

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!doc || !draft.trim()) return;
    addStage(doc, draft.trim());
    setDraft('');
  };

  return (
    <section className="panel" aria-labelledby="prep-journey-heading">
      <h2 id="prep-journey-heading">{t('prep.journeyTitle')}</h2>
      <p className="hint">{t('prep.journeyHint')}</p>
      <ol className="stage-edit-list">
        {stages.map((stage, index) => (
          <li key={stage.id} className="stage-edit">
            <div className="field">
              <label htmlFor={`stage-edit-${stage.id}`}>{t('journey.stageName', { index: index + 1 })}</label>
              <input id={`stage-edit-${stage.id}`} disabled={disabled} maxLength={60} value={stage.title} onChange={(e) => doc && renameStage(doc, index, e.target.value)} />
            </div>
            <div className="button-row">
              <button type="button" className="button-quiet" disabled={disabled || index === 0} onClick={() => doc && moveStage(doc, index, -1)} aria-label={t('prep.moveUp', { title: stage.title })}>
                ←
              </button>
              <button
                type="button"
                className="button-quiet"
                disabled={disabled || index === stages.length - 1}
                onClick={() => doc && moveStage(doc, index, 1)}
                aria-label={t('prep.moveDown', { title: stage.title })}
              >
                →
              </button>
              <button type="button" className="button-quiet" disabled={disabled} onClick={() => doc && removeStage(doc, index)} aria-label={t('prep.remove', { title: stage.title })}>
                {t('common.delete')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <form className="inline-form" onSubmit={add}>
        <div className="field">
          <label htmlFor="stage-new">{t('journey.newStage')}</label>
          <input id="stage-new" disabled={disabled} maxLength={60} value={draft} onChange={(e) => setDraft(e.target.value)} />
        </div>
        <button type="submit" disabled={disabled || !draft.trim()}>
          {t('journey.add')}
        </button>
      </form>
    </section>
  );
}
