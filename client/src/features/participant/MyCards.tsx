import { useTranslation } from 'react-i18next';
import { CardActions } from '../../components/CardActions';
import { CardView } from '../../components/CardView';
import type { BoardCard } from '../../realtime/board';
import type { CommandAck, ControlChannel } from '../../realtime/control';
import type { OutboxEntry } from '../../realtime/outbox';
import type { StoredJoin } from './joins';
import { useErrorText } from '../../components/error-text';

const OFFLINE: CommandAck = { ok: false, error: { code: 'internal', message: 'not connected' } };

interface MyCardsProps {
  join: StoredJoin;
  room: string;
  /** This person's cards on the board. */
  cards: BoardCard[];
  /** The cards written on this page, with their delivery state. */
  entries: OutboxEntry[];
  channel: ControlChannel | null;
  /** The control channel is connected (else unsent cards wait on the device). */
  online: boolean;
  onRetry: (id: string) => void;
  onForget: (id: string) => void;
}

/** One's own cards, newest first: each says whether it is saved, and can be edited or withdrawn. */
export function MyCards({ join, room, cards, entries, channel, online, onRetry, onForget }: MyCardsProps) {
  const { t } = useTranslation();
  const onBoard = new Map(cards.map((card) => [card.id, card]));
  const byId = new Map(entries.map((entry) => [entry.payload.id, entry]));
  const pending = entries.filter((entry) => !onBoard.has(entry.payload.id)).map((entry) => entry.payload.id);
  const ids = [...cards.map((card) => card.id), ...pending].reverse();

  return (
    <section className="panel" aria-labelledby="my-cards-heading">
      <h2 id="my-cards-heading">{t('participant.myCards')}</h2>
      {ids.length === 0 ? (
        <p className="muted">{t('participant.noMyCards')}</p>
      ) : (
        <ul className="card-list">
          {ids.map((id) => {
            const card = onBoard.get(id);
            const entry = byId.get(id);
            const shown = card ?? {
              ...entry!.payload,
              authorId: join.participantId,
              authorName: join.displayName || undefined,
              anonymous: join.displayName === '',
              organizationType: join.organizationType,
            };
            return (
              <li key={id}>
                <CardView card={shown}>
                  {entry && <DeliveryStatus entry={entry} online={online} onRetry={() => onRetry(id)} onDiscard={() => onForget(id)} />}
                  {card?.hidden && <p className="muted">{t('card.hiddenByFacilitator')}</p>}
                  {card && (!entry || entry.state === 'saved') && (
                    <CardActions
                      text={card.text}
                      deleteWording="withdraw"
                      onSave={(text) => channel?.send('card:edit', { room, id, text }) ?? Promise.resolve(OFFLINE)}
                      onDelete={() => channel?.send('card:delete', { room, id }) ?? Promise.resolve(OFFLINE)}
                    />
                  )}
                </CardView>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function DeliveryStatus({ entry, online, onRetry, onDiscard }: { entry: OutboxEntry; online: boolean; onRetry: () => void; onDiscard: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <div className={`delivery delivery-${entry.state}`}>
      <p role="status">
        {entry.state === 'sending' && (!online && entry.stored ? t('card.queued') : t('card.sending'))}
        {entry.state === 'saved' && t('card.saved')}
        {entry.state === 'failed' && `${t('card.failed')}: ${errorText(entry.error)}`}
      </p>
      {entry.state === 'failed' && (
        <div className="button-row">
          <button type="button" onClick={onRetry}>
            {t('card.retry')}
          </button>
          <button type="button" className="button-quiet" onClick={onDiscard}>
            {t('card.discard')}
          </button>
        </div>
      )}
    </div>
  );
}
