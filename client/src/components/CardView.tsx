import type { TFunction } from 'i18next';
import { memo, type ReactNode } from 'react';
import type { Card } from '../../../shared/board/model';
import { isOrganizationType } from '../../../shared/organization-type-ids';
import { peekOrganizationTypeLabel } from '../app/organization-types';
import { KindLabel } from './KindLabel';
import { useUiText } from './ui-text';

type Authorship = Partial<Pick<Card, 'anonymous' | 'authorName' | 'organizationType'>>;

/** Who wrote a card, as shown on it: the name or "anonymous", and the organisation type. */
export function CardAuthor({ card }: { card: Authorship }) {
  return authorLine(card, useUiText());
}

// A plain function, not a component: a board of a thousand cards makes a thousand fewer.
function authorLine(card: Authorship, t: TFunction): ReactNode {
  const name = card.anonymous || !card.authorName ? t('card.anonymous') : card.authorName;
  // The stored label once loaded (the admin may rename or add types), else the built-in text.
  const type = card.organizationType;
  const org = !type ? null : (peekOrganizationTypeLabel(type) ?? (isOrganizationType(type) ? t(`organizationType.${type}`) : null));
  return (
    <p className="card-author">
      {name}
      {org && <span className="card-org">{org}</span>}
    </p>
  );
}

interface CardViewProps {
  card: Pick<Card, 'kind' | 'text'> & Partial<Card> & { hidden?: boolean };
  /** Replaces the text, e.g. with an editor. */
  body?: ReactNode;
  /** The facilitator put this card in the spotlight. */
  spotlight?: boolean;
  /** 共感 marks the server counted (shown from 1). */
  reactions?: number;
  children?: ReactNode;
}

/**
 * One card: kind (icon and word), text, author; `children` adds status and actions. Memoised:
 * a board passes the same card object while its Y.Map is unchanged.
 */
export const CardView = memo(function CardView({ card, body, spotlight = false, reactions = 0, children }: CardViewProps) {
  const t = useUiText();
  const classes = ['card', `card-${card.kind}`, spotlight ? 'is-spotlight' : '', card.hidden ? 'is-hidden' : ''].filter(Boolean).join(' ');
  return (
    <article className={classes} data-card-id={card.id}>
      <div className="card-head">
        <KindLabel kind={card.kind} />
        {spotlight && (
          <span className="badge badge-spotlight">
            <span aria-hidden="true">★ </span>
            {t('card.spotlighted')}
          </span>
        )}
        {card.hidden && <span className="badge badge-hidden">{t('card.hidden')}</span>}
        {reactions > 0 && (
          <span className="badge badge-reactions">
            <span aria-hidden="true">♥ {reactions}</span>
            <span className="visually-hidden">{t('reaction.count', { count: reactions })}</span>
          </span>
        )}
      </div>
      {body ?? <p className="card-text">{card.text}</p>}
      {card.authorId !== undefined && authorLine(card, t)}
      {children}
    </article>
  );
});
