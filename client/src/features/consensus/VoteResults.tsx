import { useTranslation } from 'react-i18next';
import type { VoteState } from '../../../../shared/schemas/consensus';
import { ItemOrigin } from './ItemOrigin';
import { useConsensusLabels } from './labels';
import './results.css';

type Revealed = Extract<VoteState, { status: 'revealed' }>;

interface VoteResultsProps {
  state: Revealed;
  /** Show at most this many items (the projector). */
  limit?: number;
  /** The caller's own dots by item (a phone). */
  mine?: Record<string, number>;
}

/**
 * A revealed vote, ranked: place, the item, its dots as a bar and as a number, how many people
 * gave it dots, and for a named vote who gave them. Equal dots share a place.
 */
export function VoteResults({ state, limit, mine }: VoteResultsProps) {
  const { t } = useTranslation();
  const labels = useConsensusLabels();
  const shown = limit ? state.results.slice(0, limit) : state.results;
  const most = Math.max(1, ...state.results.map((r) => r.dots));
  const place = (index: number) => state.results.findIndex((r) => r.dots === state.results[index].dots) + 1;
  return (
    <ol className="vote-results">
      {shown.map((result, index) => (
        <li key={result.itemId} className={`vote-result${place(index) === 1 && result.dots > 0 ? ' is-top' : ''}`}>
          <span className="vote-rank">{t('vote.rank', { rank: place(index) })}</span>
          <span className="vote-result-label">
            {result.label}
            <ItemOrigin item={{ kind: 'card', table: result.table }} />
          </span>
          <span className="vote-result-figures">
            <span className="vote-bar" aria-hidden="true">
              <span style={{ width: `${(result.dots / most) * 100}%` }} />
            </span>
            <strong>{t('vote.dots', { count: result.dots })}</strong> <span className="muted">{t('vote.voterCount', { count: result.voters })}</span>
            {mine && (mine[result.itemId] ?? 0) > 0 && <span className="badge">{t('vote.yours', { count: mine[result.itemId] })}</span>}
          </span>
          {result.by && result.by.length > 0 && (
            <span className="vote-by muted">
              {t('vote.by', {
                names: result.by
                  .map((b) => t('vote.byPerson', { name: b.displayName || t('card.anonymous'), org: labels.organizationType(b.organizationType), count: b.dots }))
                  .join(t('vote.separator')),
              })}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
