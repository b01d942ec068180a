import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { LIMITS } from '../../../../shared/limits';
import { LiveMessage } from '../../components/LiveMessage';
import { setCardText } from '../../realtime/board-edit';

/** A scribe tidies any card of their table: the text is written straight into the table's document. */
export function ScribeCardEditor({ doc, cardId, text }: { doc: Y.Doc; cardId: string; text: string }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);
  const [done, setDone] = useState(false);
  const id = useId();

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    setDone(setCardText(doc, cardId, draft.trim()));
    setEditing(false);
  };

  return (
    <div className="card-actions">
      {editing ? (
        <form onSubmit={save} className="card-editor">
          <label htmlFor={id}>{t('card.text')}</label>
          <textarea id={id} rows={3} maxLength={LIMITS.cardText} value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus />
          <div className="button-row">
            <button type="submit" disabled={!draft.trim()}>
              {t('common.save')}
            </button>
            <button type="button" className="button-quiet" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          className="button-quiet"
          onClick={() => {
            setDraft(text);
            setDone(false);
            setEditing(true);
          }}
        >
          {t('participant.scribeEdit')}
        </button>
      )}
      <LiveMessage>{done && t('card.updated')}</LiveMessage>
    </div>
  );
}
