import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/limits';
import type { ErrorBody } from '../../../shared/protocol';
import type { CommandAck } from '../realtime/control';
import { LiveMessage } from './LiveMessage';
import { useErrorText } from './error-text';

interface CardActionsProps {
  text: string;
  onSave: (text: string) => Promise<CommandAck>;
  onDelete: () => Promise<CommandAck>;
  /** Participants withdraw their own card; facilitators delete. */
  deleteWording?: 'delete' | 'withdraw';
}

type Mode = 'idle' | 'editing' | 'confirming';
type Result = { action: 'edit' | 'delete'; error?: ErrorBody };

/** Edit a card's text in place, or remove it after a confirmation. Results are announced. */
export function CardActions({ text, onSave, onDelete, deleteWording = 'delete' }: CardActionsProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [mode, setMode] = useState<Mode>('idle');
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState(text);
  const [result, setResult] = useState<Result | null>(null);
  const editorId = useId();
  const withdraw = deleteWording === 'withdraw';

  const run = async (action: Result['action'], command: () => Promise<CommandAck>) => {
    setBusy(true);
    const ack = await command();
    setBusy(false);
    setResult(ack.ok ? { action } : { action, error: ack.error });
    if (ack.ok) setMode('idle');
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) void run('edit', () => onSave(draft.trim()));
  };

  const startEditing = () => {
    setDraft(text);
    setResult(null);
    setMode('editing');
  };

  const message = result && (result.error ? errorText(result.error) : result.action === 'edit' ? t('card.updated') : t('card.deleted'));
  return (
    <div className="card-actions">
      {mode === 'editing' && (
        <form onSubmit={save} className="card-editor">
          <label htmlFor={editorId}>{t('card.text')}</label>
          <textarea id={editorId} value={draft} maxLength={LIMITS.cardText} rows={3} onChange={(e) => setDraft(e.target.value)} autoFocus />
          <div className="button-row">
            <button type="submit" disabled={busy || !draft.trim()}>
              {t('common.save')}
            </button>
            <button type="button" className="button-quiet" onClick={() => setMode('idle')}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      {mode === 'confirming' && (
        <div className="button-row">
          <span>{withdraw ? t('card.withdrawConfirm') : t('card.deleteConfirm')}</span>
          <button type="button" className="button-danger" disabled={busy} onClick={() => void run('delete', onDelete)}>
            {withdraw ? t('card.withdraw') : t('card.deleteYes')}
          </button>
          <button type="button" className="button-quiet" onClick={() => setMode('idle')} autoFocus>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {mode === 'idle' && (
        <div className="button-row">
          <button type="button" className="button-quiet" onClick={startEditing}>
            {t('common.edit')}
          </button>
          <button type="button" className="button-quiet" onClick={() => setMode('confirming')}>
            {withdraw ? t('card.withdraw') : t('common.delete')}
          </button>
        </div>
      )}
      <LiveMessage tone={result?.error ? 'error' : 'info'}>{message}</LiveMessage>
    </div>
  );
}
