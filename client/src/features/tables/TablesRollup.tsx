import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardInfo } from '../../../../shared/protocol';
import { CardView } from '../../components/CardView';
import { StageBoard } from '../../components/StageBoard';
import { type BoardCard, useBoard } from '../../realtime/board';
import type { ControlChannel } from '../../realtime/control';
import { type ConsensusStore, useReactions } from '../../realtime/consensus';
import { useGroups } from '../../realtime/groups';
import { GroupClusters, splitByGroup } from '../consensus/GroupClusters';
import './tables.css';

interface TablesRollupProps {
  token: string;
  tables: BoardInfo[];
  channel: ControlChannel | null;
  store: ConsensusStore | null;
}

/**
 * The share-out on the facilitator's main board: each table's visible cards, by table, then by
 * its groups and journey stages, with their 共感 counts. Live: each table's own board document.
 */
export function TablesRollup({ token, tables, channel, store }: TablesRollupProps) {
  const { t } = useTranslation();
  return (
    <section className="tables-rollup" aria-labelledby="rollup-heading">
      <h2 id="rollup-heading" className="rollup-heading">{t('rollup.heading')}</h2>
      <p className="muted">{t('rollup.hint')}</p>
      {tables.map((table) => (
        <RollupTable key={table.room} token={token} table={table} channel={channel} store={store} />
      ))}
    </section>
  );
}

function RollupTable({ token, table, channel, store }: { token: string; table: BoardInfo; channel: ControlChannel | null; store: ConsensusStore | null }) {
  const { t } = useTranslation();
  const board = useBoard(table.room, token);
  const groups = useGroups(board.doc);
  const reactions = useReactions(channel, store, table.room);
  const cards = useMemo(() => board.cards.filter((c) => !c.hidden), [board.cards]);
  const { counts } = reactions;
  const renderCard = useCallback((card: BoardCard) => <CardView card={card} reactions={counts[card.id] ?? 0} />, [counts]);
  const ungrouped = useMemo(() => splitByGroup(cards, groups).ungrouped, [cards, groups]);
  const headingId = `rollup-${table.room.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  return (
    <section className="rollup-table" data-room={table.room} aria-labelledby={headingId}>
      <h3 id={headingId} className="rollup-table-name">
        {table.name} <span className="stage-count">{t('board.cardCount', { count: cards.length })}</span>
      </h3>
      {!board.synced ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <GroupClusters groups={groups} cards={cards} stages={board.stages} renderCard={renderCard} headingLevel={4} hideEmpty />
          <StageBoard stages={board.stages} cards={ungrouped} headingLevel={4} renderCard={renderCard} hideEmptyNoStage />
        </>
      )}
    </section>
  );
}
