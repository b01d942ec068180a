import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { boardParts } from '../../../../shared/board/model';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import type { ControlChannel } from '../../realtime/control';
import { newId } from '../../realtime/ids';

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

interface CardCommentsProps {
  doc: Y.Doc | null;
  channel: ControlChannel | null;
  room: string;
  cardId: string;
  /** The phase takes comments (a phase in which cards are written, board not locked). */
  canWrite: boolean;
}

/** A card's comments behind one line (コメント n), with a short form where the phase allows; sent through `comment:add`. */
export function CardComments({ doc, channel, room, cardId, canWrite }: CardCommentsProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const inputId = useId();
  const comments = useCardComments(doc, cardId);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (comments.length === 0 && !canWrite) return null;

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!channel || !text) return;
    setBusy(true);
    const ack = await channel.send('comment:add', { room, id: newId(), cardId, text });
    setBusy(false);
    if (ack.ok) setDraft('');
    setError(ack.ok ? null : errorText(ack.error));
  };
  return (
    <details className="card-comments">
      <summary>{t('comment.summary', { count: comments.length })}</summary>
      {comments.length > 0 && (
        <ul className="card-comment-list">
          {comments.map((c) => (
            <li key={c.id}>{c.text}</li>
          ))}
        </ul>
      )}
      {canWrite && (
        <form className="stack" onSubmit={send}>
          <label htmlFor={inputId}>{t('comment.label')}</label>
          <textarea id={inputId} rows={2} maxLength={1000} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" disabled={busy || !draft.trim()}>
            {t('comment.send')}
          </button>
          <LiveMessage tone="error">{error}</LiveMessage>
        </form>
      )}
    </details>
  );
}
