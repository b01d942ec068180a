import { type FormEvent, memo, type ReactNode, useId, useState } from 'react';
import { LIMITS } from '../../../shared/limits';
import type { ErrorBody } from '../../../shared/protocol';
import type { Ack } from '../../../shared/protocol';

/** Only whether it worked, and why not, matters here. */
type CommandAck = Ack<object>;
import { LiveMessage } from './LiveMessage';
import { useErrorText } from './error-text';
import { useUiText } from './ui-text';

interface CardActionsProps {
  text: string;
  /** Kept stable by the caller (useCallback), so a card that did not change is not rendered again. */
  onSave: (text: string) => Promise<CommandAck>;
  onDelete: () => Promise<CommandAck>;
  /** Participants withdraw their own card; facilitators delete. */
  deleteWording?: 'delete' | 'withdraw';
  /** Put edit and delete somewhere else (a menu): given how to start each, it replaces the two buttons. */
  renderIdle?: (start: { edit: () => void; remove: () => void }) => ReactNode;
}

type Mode = 'idle' | 'editing' | 'confirming';
type Result = { action: 'edit' | 'delete'; error?: ErrorBody };

/**
 * Edit a card's text in place, or remove it after a confirmation. Results are announced.
 * A board shows a thousand of these at rest, so the editor and the result's wording are parts
 * of their own, made only when used.
 */
export const CardActions = memo(function CardActions({ text, onSave, onDelete, deleteWording = 'delete', renderIdle }: CardActionsProps) {
  const t = useUiText();
  const [mode, setMode] = useState<Mode>('idle');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const withdraw = deleteWording === 'withdraw';

  const run = async (action: Result['action'], command: () => Promise<CommandAck>) => {
    setBusy(true);
    const ack = await command();
    setBusy(false);
    setResult(ack.ok ? { action } : { action, error: ack.error });
    if (ack.ok) setMode('idle');
  };

  const startEditing = () => {
    setResult(null);
    setMode('editing');
  };

  return (
    <div className="card-actions">
      {mode === 'editing' && <CardEditor text={text} busy={busy} onSave={(draft) => void run('edit', () => onSave(draft))} onCancel={() => setMode('idle')} />}
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
      {mode === 'idle' && renderIdle?.({ edit: startEditing, remove: () => setMode('confirming') })}
      {mode === 'idle' && !renderIdle && (
        <div className="button-row">
          <button type="button" className="button-quiet" onClick={startEditing}>
            {t('common.edit')}
          </button>
          <button type="button" className="button-quiet" onClick={() => setMode('confirming')}>
            {withdraw ? t('card.withdraw') : t('common.delete')}
          </button>
        </div>
      )}
      <LiveMessage tone={result?.error ? 'error' : 'info'}>{result && <ResultText result={result} />}</LiveMessage>
    </div>
  );
});

/** The text box for a card's new text, starting from its current text. */
function CardEditor({ text, busy, onSave, onCancel }: { text: string; busy: boolean; onSave: (text: string) => void; onCancel: () => void }) {
  const t = useUiText();
  const [draft, setDraft] = useState(text);
  const editorId = useId();
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) onSave(draft.trim());
  };
  return (
    <form onSubmit={save} className="card-editor">
      <label htmlFor={editorId}>{t('card.text')}</label>
      <textarea id={editorId} value={draft} maxLength={LIMITS.cardText} rows={3} onChange={(e) => setDraft(e.target.value)} autoFocus />
      <div className="button-row">
        <button type="submit" disabled={busy || !draft.trim()}>
          {t('common.save')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** What became of the last edit or removal, in the UI language. */
function ResultText({ result }: { result: Result }) {
  const t = useUiText();
  const errorText = useErrorText();
  return <>{result.error ? errorText(result.error) : result.action === 'edit' ? t('card.updated') : t('card.deleted')}</>;
}
