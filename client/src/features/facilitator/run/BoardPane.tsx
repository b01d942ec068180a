import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type BoardInfo, CloseCode, type ControlState, type RosterEntry } from '../../../../../shared/protocol';
import { ConnectionStatus } from '../../../components/ConnectionStatus';
import { LiveMessage } from '../../../components/LiveMessage';
import { useErrorText } from '../../../components/error-text';
import { StageBoard } from '../../../components/StageBoard';
import { type BoardCard, combineStatus, type LinkStatus, useBoard } from '../../../realtime/board';
import type { ControlChannel } from '../../../realtime/control';
import { type ConsensusStore, useReactions } from '../../../realtime/consensus';
import { useGroups } from '../../../realtime/groups';
import { GroupClusters, splitByGroup } from '../../consensus/GroupClusters';
import { GroupingPanel } from '../../consensus/GroupingPanel';
import { isShareOut } from '../../tables/share-out';
import { TablesRollup } from '../../tables/TablesRollup';
import { ModeratedCard } from './ModeratedCard';
import { useRequest } from './use-request';

interface BoardPaneProps {
  token: string;
  session: ControlState | null;
  channel: ControlChannel | null;
  /** Votes, polls and 共感 counts as the server broadcasts them. */
  store: ConsensusStore | null;
  controlStatus: LinkStatus;
  roster: RosterEntry[];
  boards: BoardInfo[];
  room: string;
  onRoomChange: (room: string) => void;
  focusStageId: string | null;
  onFocusStage: (stageId: string | null) => void;
}

/** One board at a time (the main board or a table), every card moderated; which board and stage is "where the facilitator is". */
export function BoardPane({ token, session, channel, store, controlStatus, roster, boards, room, onRoomChange, focusStageId, onFocusStage }: BoardPaneProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const board = useBoard(room, token);
  const request = useRequest(channel);
  const name = boards.find((b) => b.room === room)?.name ?? '';
  const participants = roster.filter((person) => person.role === 'participant').length;
  const spotlight = session?.spotlight;
  const groups = useGroups(board.doc);
  const { send } = request;
  const onSpotlight = useCallback((cardId: string, on: boolean) => void send('spotlight:set', on ? { room, cardId } : { room: null, cardId: null }), [send, room]);
  const spotlightId = spotlight?.room === room ? spotlight.cardId : null;
  const { counts } = useReactions(channel, store, room);
  const renderCard = useCallback(
    (card: BoardCard, later = false) => (
      <ModeratedCard card={card} room={room} channel={channel} doc={board.doc} spotlight={card.id === spotlightId} reactions={counts[card.id] ?? 0} onSpotlight={onSpotlight} controlsLater={later} />
    ),
    [room, channel, board.doc, spotlightId, counts, onSpotlight],
  );
  const viewingMain = boards.find((b) => b.room === room)?.kind === 'main';
  const tables = boards.filter((b) => b.kind === 'table');
  const ungrouped = useMemo(() => splitByGroup(board.cards, groups).ungrouped, [board.cards, groups]);

  return (
    <section className="board" aria-labelledby="board-heading">
      <div className="title-row">
        <h2 id="board-heading">{`${t('session.board')}: ${name}`}</h2>
        <p className="roster">{t('session.roster', { count: participants })}</p>
        <ConnectionStatus status={combineStatus(board.status, controlStatus)} />
      </div>
      <div className="form-grid board-pickers">
        {boards.length > 1 && (
          <div className="field">
            <label htmlFor="run-board">{t('run.boardSelect')}</label>
            <select id="run-board" value={room} onChange={(e) => onRoomChange(e.target.value)}>
              {boards.map((b) => (
                <option key={b.room} value={b.room}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="run-stage">{t('run.stageSelect')}</label>
          <select id="run-stage" value={focusStageId ?? ''} onChange={(e) => onFocusStage(e.target.value || null)}>
            <option value="">{t('run.stageAll')}</option>
            {board.stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stage.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      {board.status === 'refused' && <LiveMessage tone="error">{errorText(board.closeCode === CloseCode.unauthorized ? 'unauthorized' : 'room_unavailable')}</LiveMessage>}
      <LiveMessage tone="error">{request.error}</LiveMessage>
      {viewingMain && isShareOut(session) && <TablesRollup token={token} tables={tables} channel={channel} store={store} />}
      {!board.synced ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          {/* The server's suggestions (a Japanese analyser, too heavy for the browser); bigrams if it cannot answer. */}
          <GroupingPanel doc={board.doc} cards={board.cards} stages={board.stages} headingLevel={3} source={session ? { sessionId: session.sessionId, room } : undefined} />
          <GroupClusters groups={groups} cards={board.cards} stages={board.stages} renderCard={renderCard} />
          <StageBoard stages={board.stages} cards={ungrouped} focusStageId={focusStageId} renderCard={renderCard} />
        </>
      )}
    </section>
  );
}
