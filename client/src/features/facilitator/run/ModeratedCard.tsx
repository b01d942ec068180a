import { memo, useCallback } from 'react';
import type * as Y from 'yjs';
import type { ErrorBody } from '../../../../../shared/protocol';
import { CardActions } from '../../../components/CardActions';
import { CardView } from '../../../components/CardView';
import { MenuButton } from '../../../components/MenuButton';
import type { BoardCard } from '../../../realtime/board';
import { setCardHidden } from '../../../realtime/board-edit';
import type { CommandAck, ControlChannel } from '../../../realtime/control';
import { useUiText } from '../../../components/ui-text';

const OFFLINE: CommandAck = { ok: false, error: { code: 'internal', message: 'not connected' } satisfies ErrorBody };

interface ModeratedCardProps {
  card: BoardCard;
  room: string;
  channel: ControlChannel | null;
  /** The board's document: hiding is a direct write of the card's `hidden` field. */
  doc: Y.Doc | null;
  spotlight: boolean;
  /** 共感 marks the server counted. */
  reactions: number;
  /** One callback for every card (it takes the card's id), so it stays the same from render to render. */
  onSpotlight: (cardId: string, on: boolean) => void;
  /** Show the card without its buttons for now (StageBoard's `later`): they come with the next render. */
  controlsLater?: boolean;
}

/**
 * A card as the facilitator moderates it: spotlight, hide, edit, delete, in one ⋯ menu. Memoised: on a board
 * of a thousand cards a new card renders only itself.
 */
export const ModeratedCard = memo(function ModeratedCard({ card, room, channel, doc, spotlight, reactions, onSpotlight, controlsLater = false }: ModeratedCardProps) {
  const t = useUiText();
  const id = card.id;
  const onSave = useCallback((text: string) => channel?.send('card:edit', { room, id, text }) ?? Promise.resolve(OFFLINE), [channel, room, id]);
  const onDelete = useCallback(() => channel?.send('card:delete', { room, id }) ?? Promise.resolve(OFFLINE), [channel, room, id]);
  if (controlsLater) return <CardView card={card} spotlight={spotlight} reactions={reactions} />;
  return (
    <CardView card={card} spotlight={spotlight} reactions={reactions}>
      <CardActions
        text={card.text}
        onSave={onSave}
        onDelete={onDelete}
        renderIdle={({ edit, remove }) => (
          <MenuButton
            label={t('card.menu', { text: card.text.length > 40 ? `${card.text.slice(0, 40)}…` : card.text })}
            items={[
              { label: t('card.spotlight'), checked: spotlight, onSelect: () => onSpotlight(id, !spotlight) },
              { label: t('card.hide'), checked: card.hidden === true, disabled: !doc, onSelect: () => doc && setCardHidden(doc, id, !card.hidden) },
              { label: t('common.edit'), onSelect: edit },
              { label: t('common.delete'), onSelect: remove },
            ]}
          />
        )}
      />
    </CardView>
  );
});
