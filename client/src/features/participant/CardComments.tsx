import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { boardParts } from '../../../../shared/board/model';
import { useErrorText } from '../../components/error-text';
import type { Ack } from '../../../../shared/protocol';
import { changeKey, type StoredChange } from '../../realtime/outbox-store';

interface Comment {
  id: string;
  cardId: string;
  text: string;
  createdAt: string;
}

/** The comments of one card as the board document holds them (the server wrote them), oldest first. */
function useCardComments(doc: Y.Doc | null, cardId: string): Comment[] {
  const [comments, setComments] = useState<Comment[]>([]);
  useEffect(() => {
    if (!doc) return;
    const map = boardParts(doc).comments;
    const read = () => {
      const found: Comment[] = [];
      map.forEach((entry) => {
        const c = entry?.toJSON?.() as Partial<Comment> | undefined;
        if (c && c.cardId === cardId && typeof c.text === 'string' && typeof c.id === 'string') found.push({ id: c.id, cardId, text: c.text, createdAt: String(c.createdAt ?? '') });
      });
      setComments(found.sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
    };
    read();
    map.observeDeep(read);
    return () => map.unobserveDeep(read);
  }, [doc, cardId]);
  return comments;
}

/** The part of the change outbox comments go through (see `useChangeOutbox`). */
export interface CommentOutbox {
  comment(room: string, cardId: string, text: string): Promise<Ack<object>>;
  entries: readonly StoredChange[];
  drop(key: string): void;
}

interface CardCommentsProps {
  doc: Y.Doc | null;
  /** Where comments are sent: kept on the device until the server has them. */
  outbox: CommentOutbox | null;
  room: string;
  cardId: string;
  /** The phase takes comments (a phase in which cards are written, board not locked). */
  canWrite: boolean;
}

/**
 * A card's comments behind one line (コメント n), with a short form where the phase allows; sent
 * through `comment:add` by way of the outbox, so a comment written with no network waits on the
 * phone (shown as not yet sent) and goes out, once, when the connection is back.
 */
export function CardComments({ doc, outbox, room, cardId, canWrite }: CardCommentsProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const inputId = useId();
  const comments = useCardComments(doc, cardId);
  const [draft, setDraft] = useState('');
  const [open, setOpen] = useState(false);
  const stored = new Set(comments.map((c) => c.id));
  const waiting = (outbox?.entries ?? []).flatMap((e) => (e.event === 'comment:add' && e.payload.room === room && e.payload.cardId === cardId && !stored.has(e.payload.id) ? [e] : []));
  if (comments.length === 0 && waiting.length === 0 && !canWrite) return null;

  const send = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!outbox || !text) return;
    // Kept on the device at once: the draft can go, the comment shows as waiting until stored.
    void outbox.comment(room, cardId, text);
    setDraft('');
  };
  return (
    <details className="card-comments" open={open || waiting.length > 0} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('comment.summary', { count: comments.length })}</summary>
      {(comments.length > 0 || waiting.length > 0) && (
        <ul className="card-comment-list">
          {comments.map((c) => (
            <li key={c.id}>{c.text}</li>
          ))}
          {waiting.map((e) => (
            <li key={e.payload.id} className="is-waiting">
              {e.payload.text}
              <p className={e.state === 'failed' ? 'message message-error' : 'muted'} role="status">
                {e.state === 'failed' && e.error ? errorText(e.error) : t('comment.queued')}
              </p>
              {e.state === 'failed' && (
                <button type="button" className="button-quiet" onClick={() => outbox?.drop(changeKey(e))}>
                  {t('comment.discard')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <form className="stack" onSubmit={send}>
          <label htmlFor={inputId}>{t('comment.label')}</label>
          <textarea id={inputId} rows={2} maxLength={1000} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" disabled={!draft.trim()}>
            {t('comment.send')}
          </button>
        </form>
      )}
    </details>
  );
}
