import { memo, type ReactNode, useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Card, Stage } from '../../../shared/board/model';
import { createRunSplitter } from './card-runs';

interface StageBoardProps<C extends Card> {
  stages: Stage[];
  cards: C[];
  /** Heading level of each stage's title, below the section's own heading. */
  headingLevel?: 2 | 3 | 4;
  /**
   * `later` is true, on the board's first render only, for cards below the first few of their
   * column: they may leave their controls out, and are rendered again with them at once after
   * (a lower priority render), so the screenful a person sees first comes without waiting for
   * the controls of a thousand cards further down. Keep it stable (useCallback): each card's
   * item is memoised on it.
   */
  renderCard: (card: C, later: boolean) => ReactNode;
  /** The stage the facilitator brought everyone to: marked, and scrolled into view. */
  focusStageId?: string | null;
  /** Leave out the "no stage" column when it has no card (the projector). */
  hideEmptyNoStage?: boolean;
}

/** Cards of each column rendered in full on the first render: more than a tall screen shows. */
const FIRST_IN_FULL = 20;

/** The DOM id of a stage column, so "follow me" can scroll to it. */
export function stageElementId(prefix: string, stageId: string): string {
  return `${prefix}-stage-${stageId || 'none'}`;
}

/**
 * Cards in columns, one per journey stage in order, then the cards on no stage (or on a stage
 * that no longer exists). Columns wrap, so a phone shows them one under another.
 */
export function StageBoard<C extends Card>({ stages, cards, headingLevel = 3, renderCard, focusStageId, hideEmptyNoStage }: StageBoardProps<C>) {
  const { t } = useTranslation();
  const prefix = useId().replace(/:/g, '');
  const byStage = useMemo(() => groupByStage(stages, cards), [stages, cards]);
  const fullPerColumn = useDeferredValue(Infinity, FIRST_IN_FULL);
  const columns = [
    ...stages.map((stage) => ({ key: stage.id, title: stage.title, cards: byStage.get(stage.id) ?? [] })),
    { key: '', title: t('board.noStage'), cards: byStage.get('') ?? [] },
  ].filter((column) => !(hideEmptyNoStage && column.key === '' && column.cards.length === 0));
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="stage-board">
      {columns.map((column) => {
        const id = stageElementId(prefix, column.key);
        const focused = focusStageId !== undefined && focusStageId !== null && focusStageId === column.key;
        return (
          <section key={column.key} id={id} data-stage={column.key} className={`stage-column${focused ? ' is-focused' : ''}`} aria-labelledby={`${id}-title`}>
            <Heading id={`${id}-title`} className="stage-title">
              {column.title} <span className="stage-count">{t('board.cardCount', { count: column.cards.length })}</span>
              {focused && <span className="badge badge-focus">{t('board.followed')}</span>}
            </Heading>
            {column.cards.length === 0 ? (
              <p className="muted">{t('board.empty')}</p>
            ) : (
              <CardList cards={column.cards} fullPerColumn={fullPerColumn} renderCard={renderCard as RenderCard} />
            )}
          </section>
        );
      })}
    </div>
  );
}

type RenderCard = (card: Card, later: boolean) => ReactNode;

/** Cards per run (see card-runs.ts): a run near the screen is laid out whole. */
const RUN = 25;

/**
 * A column's cards as one list whose items are grouped, in order, in runs (plain elements,
 * which assistive technologies pass through: the list still has one item per card).
 */
function CardList({ cards, fullPerColumn, renderCard }: { cards: Card[]; fullPerColumn: number; renderCard: RenderCard }) {
  const [split] = useState(() => createRunSplitter<Card>(RUN));
  const runs = useMemo(() => split(cards), [split, cards]);
  return (
    <div role="list" className="card-list">
      {runs.map((run) => (
        <CardRunItems key={run.key} cards={run.cards} laterFrom={fullPerColumn - run.start} renderCard={renderCard} />
      ))}
    </div>
  );
}

/** One run of cards; memoised, so a run whose cards did not change is not rendered again. */
const CardRunItems = memo(function CardRunItems({ cards, laterFrom, renderCard }: { cards: Card[]; laterFrom: number; renderCard: RenderCard }) {
  return (
    <div className="card-run">
      {cards.map((card, index) => (
        <CardItem key={card.id} card={card} later={index >= laterFrom} renderCard={renderCard} />
      ))}
    </div>
  );
});

/** One card's list item, memoised too: in the run that changed, the other cards are left alone. */
const CardItem = memo(function CardItem({ card, later, renderCard }: { card: Card; later: boolean; renderCard: RenderCard }) {
  return (
    <div role="listitem" className="card-item">
      {renderCard(card, later)}
    </div>
  );
});

/** Cards by stage id in one pass, keeping their order; '' holds those on no stage or an unknown one. */
function groupByStage<C extends Card>(stages: Stage[], cards: C[]): Map<string, C[]> {
  const out = new Map<string, C[]>(stages.map((stage) => [stage.id, []]));
  out.set('', []);
  for (const card of cards) (out.get(card.stageId ?? '') ?? out.get('')!).push(card);
  return out;
}
