import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardInfo, ControlState } from '../../../../shared/protocol';
import { useBoard } from '../../realtime/board';
import type { ControlChannel } from '../../realtime/control';
import { type ConsensusStore, useReactions } from '../../realtime/consensus';
import { useGroups } from '../../realtime/groups';
import { ProjectorWall } from './ProjectorWall';

interface ProjectorRollupProps {
  token: string;
  tables: BoardInfo[];
  state: ControlState | null;
  channel: ControlChannel | null;
  store: ConsensusStore | null;
}

/**
 * The share-out on the wall: every table at once, each a band of journey columns that fits its
 * share of the screen ("+N枚" for the rest). Up to three tables one under another, more in two columns.
 */
export function ProjectorRollup({ token, tables, state, channel, store }: ProjectorRollupProps) {
  const { t } = useTranslation();
  const columns = tables.length > 3 ? 2 : 1;
  return (
    <section className="projector-rollup" aria-labelledby="projector-rollup-heading">
      <h2 id="projector-rollup-heading" className="projector-board-name">
        {t('rollup.heading')}
      </h2>
      <div className="rollup-bands" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
        {tables.map((table) => (
          <RollupBand key={table.room} token={token} table={table} state={state} channel={channel} store={store} />
        ))}
      </div>
    </section>
  );
}

function RollupBand({ token, table, state, channel, store }: { token: string; table: BoardInfo; state: ControlState | null; channel: ControlChannel | null; store: ConsensusStore | null }) {
  const { t } = useTranslation();
  const board = useBoard(table.room, token);
  const groups = useGroups(board.doc);
  const { counts } = useReactions(channel, store, table.room);
  const cards = useMemo(() => board.cards.filter((c) => !c.hidden), [board.cards]);
  const spotlightId = state?.spotlight?.room === table.room ? state.spotlight.cardId : null;
  const headingId = `band-${table.room.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  return (
    <section className="rollup-band" data-room={table.room} aria-labelledby={headingId}>
      <h3 id={headingId} className="rollup-band-name">
        {table.name} <span className="stage-count">{t('board.cardCount', { count: cards.length })}</span>
      </h3>
      {!board.synced ? <p>{t('common.loading')}</p> : <ProjectorWall stages={board.stages} cards={cards} groups={groups} spotlightId={spotlightId} focusStageId={null} reactions={counts} />}
    </section>
  );
}
