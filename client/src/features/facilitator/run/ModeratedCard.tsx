import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { ErrorBody } from '../../../../../shared/protocol';
import { CardActions } from '../../../components/CardActions';
import { CardView } from '../../../components/CardView';
import type { BoardCard } from '../../../realtime/board';
import { setCardHidden } from '../../../realtime/board-edit';
import type { CommandAck, ControlChannel } from '../../../realtime/control';

const OFFLINE: CommandAck = { ok: false, error: { code: 'internal', message: 'not connected' } satisfies ErrorBody };

interface ModeratedCardProps {
  card: BoardCard;
  room: string;
  channel: ControlChannel | null;
  /** The board's document: hiding is a direct write of the card's `hidden` field. */
  doc: Y.Doc | null;
  spotlight: boolean;
  onSpotlight: (on: boolean) => void;
}

/** A card as the facilitator moderates it: spotlight, hide, edit, delete. */
export function ModeratedCard({ card, room, channel, doc, spotlight, onSpotlight }: ModeratedCardProps) {
  const { t } = useTranslation();
  return (
    <CardView card={card} spotlight={spotlight}>
      <div className="button-row moderation">
        <button type="button" className="button-quiet" aria-pressed={spotlight} onClick={() => onSpotlight(!spotlight)}>
          <span aria-hidden="true">★ </span>
          {t('card.spotlight')}
        </button>
        <button type="button" className="button-quiet" aria-pressed={card.hidden === true} disabled={!doc} onClick={() => doc && setCardHidden(doc, card.id, !card.hidden)}>
          {t('card.hide')}
        </button>
      </div>
      <CardActions
        text={card.text}
        onSave={(text) => channel?.send('card:edit', { room, id: card.id, text }) ?? Promise.resolve(OFFLINE)}
        onDelete={() => channel?.send('card:delete', { room, id: card.id }) ?? Promise.resolve(OFFLINE)}
      />
    </CardView>
  );
}
