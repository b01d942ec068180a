import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardInfo } from '../../../../shared/protocol';
import { type BoardCard, useBoard } from '../../realtime/board';
import { type ConsensusStore, latestPoll, latestVote, usePollView, useConsensus, useVoteView } from '../../realtime/consensus';
import type { ControlChannel } from '../../realtime/control';
import { type BoardGroup, useGroups } from '../../realtime/groups';
import type { BoardContent } from './items';
import { OutcomePanel } from './OutcomePanel';
import { PollControl } from './PollControl';
import { VoteControl } from './VoteControl';
import './consensus.css';

interface ConsensusPanelProps {
  sessionId: string;
  token: string;
  channel: ControlChannel | null;
  store: ConsensusStore | null;
  /** The board the facilitator is looking at: new votes, polls and decisions are about it. */
  room: string;
  boardName: string;
  /** Every board of the session: on the main board, votes, polls and decisions may take any table's items. */
  boards: BoardInfo[];
}

/**
 * The facilitator's consensus tools for the running session: the dot vote (open, close, reveal),
 * the agreement poll on the top items with its cross-sector view, and the decisions and
 * follow-up actions.
 */
export function ConsensusPanel({ sessionId, token, channel, store, room, boardName, boards }: ConsensusPanelProps) {
  const { t } = useTranslation();
  const snapshot = useConsensus(store);
  const board = useBoard(room, token);
  const groups = useGroups(board.doc);
  const vote = latestVote(snapshot);
  const [voteView] = useVoteView(channel, vote?.voteId, vote?.status);
  const poll = latestPoll(snapshot);
  const [pollView] = usePollView(channel, poll?.pollId, poll?.status);
  const plenary = boards.find((b) => b.room === room)?.kind === 'main';
  const tables = useMemo(() => (plenary ? boards.filter((b) => b.kind === 'table') : []), [plenary, boards]);
  const [byTable, setByTable] = useState<ReadonlyMap<string, TableContent>>(new Map());
  const onTable = useCallback((tableRoom: string, next: TableContent | null) => {
    setByTable((all) => {
      const copy = new Map(all);
      if (next) copy.set(tableRoom, next);
      else copy.delete(tableRoom);
      return copy;
    });
  }, []);
  const content = useMemo(() => mergeContent({ room, boardName, cards: board.cards, groups }, tables, byTable), [room, boardName, board.cards, groups, tables, byTable]);

  return (
    <section className="panel stack consensus-panel" aria-labelledby="consensus-heading">
      <h2 id="consensus-heading">{t('consensus.panel')}</h2>
      {tables.map((table) => (
        <TableContentSource key={table.room} token={token} table={table} onContent={onTable} />
      ))}
      <VoteControl channel={channel} vote={vote} view={voteView} content={content} />
      <PollControl channel={channel} poll={poll} view={pollView} vote={vote} voteView={voteView} content={content} />
      <OutcomePanel sessionId={sessionId} outcome={snapshot.outcome} vote={vote} voteView={voteView} poll={poll} pollView={pollView} content={content} />
    </section>
  );
}

interface TableContent {
  name: string;
  cards: BoardCard[];
  groups: BoardGroup[];
}

/** Reads one table's board for a plenary vote, poll or decision on the main board; renders nothing. */
const TableContentSource = memo(function TableContentSource({ token, table, onContent }: { token: string; table: BoardInfo; onContent: (room: string, content: TableContent | null) => void }) {
  const board = useBoard(table.room, token);
  const groups = useGroups(board.doc);
  useEffect(() => onContent(table.room, { name: table.name, cards: board.cards, groups }), [onContent, table.room, table.name, board.cards, groups]);
  useEffect(() => () => onContent(table.room, null), [onContent, table.room]);
  return null;
});

/** The main board's own items, then each table's, every table item marked with where it comes from. */
function mergeContent(main: BoardContent, tables: BoardInfo[], byTable: ReadonlyMap<string, TableContent>): BoardContent {
  if (tables.length === 0) return main;
  const origin = new Map<string, { room: string; table: string }>();
  const cards = [...main.cards];
  const groups = [...main.groups];
  for (const table of tables) {
    const found = byTable.get(table.room);
    if (!found) continue;
    for (const card of found.cards) origin.set(card.id, { room: table.room, table: found.name });
    for (const group of found.groups) origin.set(group.id, { room: table.room, table: found.name });
    cards.push(...found.cards);
    groups.push(...found.groups);
  }
  return { ...main, cards, groups, origin };
}
