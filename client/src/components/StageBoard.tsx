import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Card, Stage } from '../../../shared/board/model';

interface StageBoardProps {
  stages: Stage[];
  cards: Card[];
  /** Heading level of each stage's title, below the section's own heading. */
  headingLevel?: 2 | 3;
  renderCard: (card: Card) => ReactNode;
}

/**
 * Cards in columns, one per journey stage in order, then the cards on no stage (or on a stage
 * that no longer exists). Columns wrap, so a phone shows them one under another.
 */
export function StageBoard({ stages, cards, headingLevel = 3, renderCard }: StageBoardProps) {
  const { t } = useTranslation();
  const known = new Set(stages.map((s) => s.id));
  const columns = [
    ...stages.map((stage) => ({ key: stage.id, title: stage.title, cards: cards.filter((c) => c.stageId === stage.id) })),
    { key: '', title: t('board.noStage'), cards: cards.filter((c) => !c.stageId || !known.has(c.stageId)) },
  ];
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="stage-board">
      {columns.map((column) => (
        <section key={column.key} className="stage-column" aria-labelledby={`stage-${column.key || 'none'}`}>
          <Heading id={`stage-${column.key || 'none'}`} className="stage-title">
            {column.title} <span className="stage-count">{t('board.cardCount', { count: column.cards.length })}</span>
          </Heading>
          {column.cards.length === 0 ? (
            <p className="muted">{t('board.empty')}</p>
          ) : (
            <ul className="card-list">
              {column.cards.map((card) => (
                <li key={card.id}>{renderCard(card)}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
