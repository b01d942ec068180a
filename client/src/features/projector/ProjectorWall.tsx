import { type ReactNode, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../../shared/board/model';
import { CardView } from '../../components/CardView';
import type { BoardCard } from '../../realtime/board';
import { type BoardGroup, groupOf } from '../../realtime/groups';

const NO_COUNTS: Record<string, number> = {};

/** Cards a column lays out before measuring: more than the tallest screen holds at the smallest type. */
const MAX_RENDERED = 40;

interface ProjectorWallProps {
  stages: Stage[];
  /** The cards to show (hidden ones already left out). */
  cards: BoardCard[];
  groups: BoardGroup[];
  spotlightId: string | null;
  focusStageId: string | null;
  /** 共感 counts by card id. */
  reactions?: Record<string, number>;
}

interface Column {
  key: string;
  title: string;
  /** In the order shown: each group's cards (groups in board order), then the cards of no group. */
  cards: BoardCard[];
  /** Where each group's run of cards starts in `cards`, and how long it is. */
  runs: Array<{ group: BoardGroup | null; start: number; length: number }>;
}

/**
 * The board as a wall that always fits the screen: one column per journey stage (then the cards
 * on no stage, if any), type sized by how full the fullest column is, and each column showing
 * the cards that fit and "+N枚" for the rest, never a cut card or a scrollbar.
 */
export function ProjectorWall({ stages, cards, groups, spotlightId, focusStageId, reactions = NO_COUNTS }: ProjectorWallProps) {
  const { t } = useTranslation();
  const columns = useMemo(() => buildColumns(stages, cards, groups, t('board.noStage')), [stages, cards, groups, t]);
  const fullest = Math.max(0, ...columns.map((c) => c.cards.length));
  const density = fullest <= 5 ? 'roomy' : fullest <= 12 ? 'normal' : 'dense';
  return (
    <div className="wall" data-density={density} style={{ gridTemplateColumns: `repeat(${Math.max(1, columns.length)}, minmax(0, 1fr))` }}>
      {columns.map((column) => (
        <WallColumn key={column.key} column={column} spotlightId={spotlightId} reactions={reactions} focused={focusStageId === column.key && column.key !== ''} />
      ))}
    </div>
  );
}

/** One stage: its title and count, the cards that fit, and how many more there are. */
function WallColumn({ column, spotlightId, reactions, focused }: { column: Column; spotlightId: string | null; reactions: Record<string, number>; focused: boolean }) {
  const { t } = useTranslation();
  const titleId = `${useId().replace(/:/g, '')}-title`;
  const listRef = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState<number | null>(null);
  const [size, setSize] = useState(0);
  const total = column.cards.length;

  // Measured before paint: lay out up to MAX_RENDERED cards, keep those whose bottom is inside the column.
  useLayoutEffect(() => setFit(null), [column, size, reactions]);
  useLayoutEffect(() => {
    const list = listRef.current;
    if (fit !== null || !list) return;
    const limit = list.getBoundingClientRect().bottom;
    const shown = [...list.querySelectorAll<HTMLElement>('[data-wall-card]')];
    const inside = shown.findIndex((el) => el.getBoundingClientRect().bottom > limit + 0.5);
    setFit(inside === -1 ? shown.length : inside);
  }, [fit]);
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const observer = new ResizeObserver(() => setSize(list.clientHeight * 10_000 + list.clientWidth));
    observer.observe(list);
    return () => observer.disconnect();
  }, []);

  const shownCount = Math.min(fit ?? MAX_RENDERED, total);
  const more = total - shownCount;
  return (
    <section className={`wall-column${focused ? ' is-focused' : ''}`} data-stage={column.key} aria-labelledby={titleId}>
      <h3 id={titleId} className="wall-title">
        {column.title} <span className="stage-count">{t('board.cardCount', { count: total })}</span>
      </h3>
      <div ref={listRef} className="wall-list" role="list">
        {column.runs.map((run) => {
          const visible = column.cards.slice(run.start, Math.min(run.start + run.length, shownCount));
          if (visible.length === 0) return null;
          const items = visible.map((card) => (
            <div key={card.id} role="listitem" className="wall-card" data-wall-card="">
              <CardView card={card} spotlight={card.id === spotlightId} reactions={reactions[card.id] ?? 0} />
            </div>
          ));
          return run.group ? <WallGroup key={run.group.id} group={run.group}>{items}</WallGroup> : items;
        })}
      </div>
      {/* Always there, so the list keeps its height whether or not some cards are left out. */}
      <p className="wall-more">{more > 0 && t('projector.more', { count: more })}</p>
    </section>
  );
}

/** A group's cards in one column, under the group's title (a region named by it). */
function WallGroup({ group, children }: { group: BoardGroup; children: ReactNode }) {
  const titleId = `${useId().replace(/:/g, '')}-group`;
  return (
    <div role="listitem" className="wall-group">
      <section aria-labelledby={titleId}>
        <h4 id={titleId} className="wall-group-title">
          {group.title}
        </h4>
        <div role="list">{children}</div>
      </section>
    </div>
  );
}

/** Cards by column in one pass: a column per stage in order, then those on no stage or an unknown one (only if any). */
function buildColumns(stages: Stage[], cards: BoardCard[], groups: BoardGroup[], noStage: string): Column[] {
  const known = new Set(groups.map((g) => g.id));
  const order = new Map(groups.map((g, i) => [g.id, i]));
  const byStage = new Map<string, BoardCard[]>(stages.map((s) => [s.id, []]));
  const loose: BoardCard[] = [];
  for (const card of cards) (byStage.get(card.stageId ?? '') ?? loose).push(card);
  const column = (key: string, title: string, list: BoardCard[]): Column => {
    const byGroup = new Map<string | null, BoardCard[]>();
    for (const card of list) {
      const group = groupOf(card, known);
      byGroup.set(group, [...(byGroup.get(group) ?? []), card]);
    }
    const keys = [...byGroup.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : order.get(a)! - order.get(b)!));
    const ordered: BoardCard[] = [];
    const runs: Column['runs'] = [];
    for (const id of keys) {
      const run = byGroup.get(id)!;
      runs.push({ group: id === null ? null : groups[order.get(id)!]!, start: ordered.length, length: run.length });
      ordered.push(...run);
    }
    return { key, title, cards: ordered, runs };
  };
  const out = stages.map((s) => column(s.id, s.title, byStage.get(s.id) ?? []));
  if (loose.length > 0 || stages.length === 0) out.push(column('', noStage, loose));
  return out;
}
