import { useTranslation } from 'react-i18next';
import type { BallotItem } from '../../../../shared/schemas/consensus';

/**
 * Where a vote or poll item comes from: its table (an item of a plenary vote may come from any
 * table) and, for a group, the cards inside it, so a table votes on another's group knowing what
 * it holds rather than only its title.
 */
export function ItemOrigin({ item }: { item: Pick<BallotItem, 'kind' | 'table' | 'cards'> }) {
  const { t } = useTranslation();
  const cards = item.kind === 'group' ? (item.cards ?? []) : [];
  if (!item.table && cards.length === 0) return null;
  return (
    <span className="item-origin">
      {item.table && <span className="item-table">{item.table}</span>}
      {cards.length > 0 && (
        <span className="item-cards">
          <span className="visually-hidden">{t('items.groupCards', { count: cards.length })}</span>
          {cards.map((text, i) => (
            <span key={i} className="item-card">
              {text}
            </span>
          ))}
        </span>
      )}
    </span>
  );
}
