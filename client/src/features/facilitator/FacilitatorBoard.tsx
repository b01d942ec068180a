import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseCode } from '../../../../shared/protocol';
import { useErrorText } from '../../components/error-text';
import { LiveMessage } from '../../components/LiveMessage';
import { ConnectionStatus } from '../../components/ConnectionStatus';
import { StageBoard } from '../../components/StageBoard';
import { type BoardCard, combineStatus, useBoard } from '../../realtime/board';
import { useControl } from '../../realtime/control';
import { useReactions } from '../../realtime/consensus';
import { useGroups } from '../../realtime/groups';
import { GroupClusters, splitByGroup } from '../consensus/GroupClusters';
import { PhaseControl } from './PhaseControl';
import { ModeratedCard } from './run/ModeratedCard';
import { useRequest } from './run/use-request';
import { useSessionOrganizationTypes } from '../../app/organization-types';

interface FacilitatorBoardProps {
  room: string;
  token: string;
  /** Heading level of the board's title. */
  headingLevel?: 1 | 2;
  title: string;
}

/**
 * One board alone for a facilitator: the phase, and every card by journey stage, each
 * moderated (spotlight, hide, edit, delete).
 */
export function FacilitatorBoard({ room, token, headingLevel = 2, title }: FacilitatorBoardProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const board = useBoard(room, token);
  const control = useControl(token);
  useSessionOrganizationTypes(token);
  const request = useRequest(control.channel);
  const participants = control.roster.filter((person) => person.role === 'participant').length;
  const spotlight = control.session?.spotlight;
  const Heading = `h${headingLevel}` as const;
  const groups = useGroups(board.doc);
  const { send } = request;
  const onSpotlight = useCallback((cardId: string, on: boolean) => void send('spotlight:set', on ? { room, cardId } : { room: null, cardId: null }), [send, room]);
  const spotlightId = spotlight?.room === room ? spotlight.cardId : null;
  const { counts } = useReactions(control.channel, control.consensus, room);
  const renderCard = useCallback(
    (card: BoardCard, later = false) => (
      <ModeratedCard card={card} room={room} channel={control.channel} doc={board.doc} spotlight={card.id === spotlightId} reactions={counts[card.id] ?? 0} onSpotlight={onSpotlight} controlsLater={later} />
    ),
    [room, control.channel, board.doc, spotlightId, counts, onSpotlight],
  );
  const ungrouped = useMemo(() => splitByGroup(board.cards, groups).ungrouped, [board.cards, groups]);

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
      <LiveMessage tone="error">{request.error}</LiveMessage>
      {!board.synced ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <GroupClusters groups={groups} cards={board.cards} stages={board.stages} renderCard={renderCard} headingLevel={headingLevel === 1 ? 2 : 3} />
          <StageBoard stages={board.stages} cards={ungrouped} headingLevel={headingLevel === 1 ? 2 : 3} renderCard={renderCard} />
        </>
      )}
    </section>
  );
}
