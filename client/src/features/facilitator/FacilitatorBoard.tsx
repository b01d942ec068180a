import { useTranslation } from 'react-i18next';
import type { Card } from '../../../../shared/board/model';
import { CloseCode, type ErrorBody } from '../../../../shared/protocol';
import { CardActions } from '../../components/CardActions';
import { CardView } from '../../components/CardView';
import { useErrorText } from '../../components/error-text';
import { LiveMessage } from '../../components/LiveMessage';
import { ConnectionStatus } from '../../components/ConnectionStatus';
import { StageBoard } from '../../components/StageBoard';
import { combineStatus, useBoard } from '../../realtime/board';
import { PhaseControl } from './PhaseControl';
import { type CommandAck, type ControlChannel, useControl } from '../../realtime/control';

const OFFLINE: CommandAck = { ok: false, error: { code: 'internal', message: 'not connected' } satisfies ErrorBody };

interface FacilitatorBoardProps {
  room: string;
  token: string;
  /** Heading level of the board's title. */
  headingLevel?: 1 | 2;
  title: string;
}

/**
 * The live board for a facilitator: every card by journey stage, each editable and removable
 * through the same commands participants use (a facilitator token may moderate any card).
 */
export function FacilitatorBoard({ room, token, headingLevel = 2, title }: FacilitatorBoardProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const board = useBoard(room, token);
  const control = useControl(token);
  const participants = control.roster.filter((person) => person.role === 'participant').length;
  const Heading = `h${headingLevel}` as const;

  return (
    <section className="board" aria-labelledby="board-heading">
      <div className="title-row">
        <Heading id="board-heading">{title}</Heading>
        <p className="roster">{t('session.roster', { count: participants })}</p>
        <ConnectionStatus status={combineStatus(board.status, control.status)} />
      </div>
      {board.status === 'refused' && (
        <LiveMessage tone="error">{errorText(board.closeCode === CloseCode.unauthorized ? 'unauthorized' : 'room_unavailable')}</LiveMessage>
      )}
      {control.session && <PhaseControl session={control.session} channel={control.channel} />}
      {!board.synced ? (
        <p>{t('common.loading')}</p>
      ) : (
        <StageBoard
          stages={board.stages}
          cards={board.cards}
          headingLevel={headingLevel === 1 ? 2 : 3}
          renderCard={(card) => <ModeratedCard card={card} room={room} channel={control.channel} />}
        />
      )}
    </section>
  );
}

function ModeratedCard({ card, room, channel }: { card: Card; room: string; channel: ControlChannel | null }) {
  return (
    <CardView card={card}>
      <CardActions
        text={card.text}
        onSave={(text) => channel?.send('card:edit', { room, id: card.id, text }) ?? Promise.resolve(OFFLINE)}
        onDelete={() => channel?.send('card:delete', { room, id: card.id }) ?? Promise.resolve(OFFLINE)}
      />
    </CardView>
  );
}
