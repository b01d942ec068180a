import { useTranslation } from 'react-i18next';
import { CardActions } from '../../components/CardActions';
import { CardView } from '../../components/CardView';
import type { BoardCard } from '../../realtime/board';
import type { ChangeAck, ChangeEntry } from '../../realtime/change-outbox';
import { changeKey } from '../../realtime/outbox-store';
import type { OutboxEntry } from '../../realtime/outbox';
import type { StoredJoin } from './joins';
import { useErrorText } from '../../components/error-text';

interface MyCardsProps {
  join: StoredJoin;
  room: string;
  /** This person's cards on the board. */
  cards: BoardCard[];
  /** The cards written on this page, with their delivery state. */
  entries: OutboxEntry[];
  /** Edits and withdrawals not yet confirmed, one per card at most. */
  changes: ChangeEntry[];
  /** The control channel is connected (else unsent cards wait on the device). */
  online: boolean;
  onRetry: (id: string) => void;
  onForget: (id: string) => void;
  /** Edit or withdraw through the device's outbox; each resolves with the server's ack. */
  onEdit: (room: string, id: string, text: string) => Promise<ChangeAck>;
  onWithdraw: (room: string, id: string) => Promise<ChangeAck>;
  /** Give up a refused change, by its key (`changeKey`). */
  onDropChange: (key: string) => void;
}

/** One's own cards, newest first: each says whether it is saved, and can be edited or withdrawn. */
export function MyCards({ join, room, cards, entries, changes, online, onRetry, onForget, onEdit, onWithdraw, onDropChange }: MyCardsProps) {
  const { t } = useTranslation();
  // Only the changes to one's own cards (marks and comments are shown where they were made).
  const changeOf = new Map(changes.flatMap((change) => (change.event === 'card:edit' || change.event === 'card:delete' ? [[change.payload.id, change] as const] : [])));
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
                  {changeOf.get(id) && <ChangeStatus change={changeOf.get(id)!} online={online} onDiscard={() => onDropChange(changeKey(changeOf.get(id)!))} />}
                  {card && (!entry || entry.state === 'saved') && (
                    <CardActions
                      text={card.text}
                      deleteWording="withdraw"
                      onSave={(text) => onEdit(room, id, text)}
                      onDelete={() => onWithdraw(room, id)}
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

/** Where one written card stands (sending, kept on the device, saved, refused), with retry and discard when refused. */
export function DeliveryStatus({ entry, online, onRetry, onDiscard }: { entry: OutboxEntry; online: boolean; onRetry: () => void; onDiscard: () => void }) {
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

/** An edit or withdrawal waiting for the network, or refused (with a way to give it up). */
function ChangeStatus({ change, online, onDiscard }: { change: ChangeEntry; online: boolean; onDiscard: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (change.state === 'sending' && online) return null;
  return (
    <div className={`delivery delivery-${change.state}`}>
      <p role="status">
        {change.state === 'sending'
          ? t(change.event === 'card:edit' ? 'card.editQueued' : 'card.withdrawQueued')
          : `${t('card.failed')}: ${errorText(change.error)}`}
      </p>
      {change.state === 'failed' && (
        <button type="button" className="button-quiet" onClick={onDiscard}>
          {t('card.discard')}
        </button>
      )}
    </div>
  );
}
