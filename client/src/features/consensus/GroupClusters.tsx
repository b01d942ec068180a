import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Card, Stage } from '../../../../shared/board/model';
import { type BoardGroup, groupOf } from '../../realtime/groups';
import './groups.css';

/** Split a board's cards into those of each group and the rest. */
export function splitByGroup<C extends Card>(cards: C[], groups: BoardGroup[]): { byGroup: Map<string, C[]>; ungrouped: C[] } {
  const known = new Set(groups.map((g) => g.id));
  const byGroup = new Map<string, C[]>(groups.map((g) => [g.id, []]));
  const ungrouped: C[] = [];
  for (const card of cards) {
    const group = groupOf(card, known);
    if (group) byGroup.get(group)!.push(card);
    else ungrouped.push(card);
  }
  return { byGroup, ungrouped };
}

interface GroupClustersProps<C extends Card> {
  groups: BoardGroup[];
  /** The cards to show (hidden ones already left out where they must be). */
  cards: C[];
  stages: Stage[];
  renderCard: (card: C) => ReactNode;
  /** Heading level of the clusters' own heading; each group's title is one below. */
  headingLevel?: 2 | 3 | 4;
  /** Leave out groups without a card (read-only screens). */
  hideEmpty?: boolean;
}

/**
 * The board's groups as labelled clusters: each group's title, its stage when it has one, how
 * many cards, and the cards. Nothing when the board has no group.
 */
export function GroupClusters<C extends Card>({ groups, cards, stages, renderCard, headingLevel = 3, hideEmpty = false }: GroupClustersProps<C>) {
  const { t } = useTranslation();
  const prefix = useId().replace(/:/g, '');
  const { byGroup } = splitByGroup(cards, groups);
  const shown = groups.filter((g) => !hideEmpty || (byGroup.get(g.id)?.length ?? 0) > 0);
  if (shown.length === 0) return null;
  const titleId = `${prefix}-groups`;
  const Heading = `h${headingLevel}` as const;
  const GroupHeading = `h${headingLevel + 1}` as 'h3' | 'h4' | 'h5';
  const stageTitle = (id?: string) => stages.find((s) => s.id === id)?.title;
  return (
    <section className="group-clusters" aria-labelledby={titleId}>
      <Heading id={titleId} className="group-clusters-title">
        {t('grouping.groupsHeading')}
      </Heading>
      <div className="group-cluster-grid">
        {shown.map((group) => {
          const members = byGroup.get(group.id) ?? [];
          const headingId = `${prefix}-group-${group.id}`;
          const stage = stageTitle(group.stageId);
          return (
            <section key={group.id} className="group-cluster" aria-labelledby={headingId} data-group-id={group.id}>
              <GroupHeading id={headingId} className="group-cluster-title">
                <span aria-hidden="true" className="group-mark">
                  ▣{' '}
                </span>
                {group.title || t('grouping.untitledShort')}{' '}
                <span className="stage-count">{t('board.cardCount', { count: members.length })}</span>
              </GroupHeading>
              {stage && <p className="muted">{t('grouping.stageOf', { title: stage })}</p>}
              {members.length === 0 ? (
                <p className="muted">{t('grouping.empty')}</p>
              ) : (
                <ul className="card-list">
                  {members.map((card) => (
                    <li key={card.id}>{renderCard(card)}</li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </section>
  );
}
