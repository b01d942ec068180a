import { useTranslation } from 'react-i18next';
import { ORGANIZATION_TYPES } from '../../../../shared/organization-type-ids';
import type { Distribution, PollState, ScaleChoice } from '../../../../shared/schemas/consensus';
import { CONSENSUS_MARK, choiceMark, useConsensusLabels } from './labels';
import './results.css';

type Revealed = Extract<PollState, { status: 'revealed' }>;
type ItemResult = Revealed['results'][number];

/** Sector ids in the order the join page offers them; unknown ids last. */
function orderSectors(ids: string[]): string[] {
  const known = ORGANIZATION_TYPES.filter((id) => ids.includes(id));
  return [...known, ...ids.filter((id) => !(ORGANIZATION_TYPES as readonly string[]).includes(id)).sort()];
}

/** A CSS class per choice: supporting choices in greens, the others in ambers and reds. */
function segmentClasses(scale: ScaleChoice[]): Map<string, string> {
  let s = 0;
  let n = 0;
  return new Map(scale.map((c) => [c.id, c.supports ? `seg-s${Math.min(s++, 2)}` : `seg-n${Math.min(n++, 2)}`]));
}

/** The stacked bar of one distribution (its figures are in the text beside it). */
function StackBar({ dist, scale, classes }: { dist: Distribution; scale: ScaleChoice[]; classes: Map<string, string> }) {
  return (
    <span className="stack-bar" aria-hidden="true">
      {scale.map((c) => (dist.percent[c.id] ?? 0) > 0 && <span key={c.id} className={classes.get(c.id)} style={{ width: `${dist.percent[c.id]}%` }} />)}
    </span>
  );
}

/** ◎ every sector supports / ⚠ sectors diverge / △ mixed: a shape and words, not colour alone. */
export function ConsensusBadge({ consensus }: { consensus: ItemResult['consensus'] }) {
  const { t } = useTranslation();
  return (
    <span className={`consensus-badge is-${consensus}`}>
      <span aria-hidden="true">{CONSENSUS_MARK[consensus]} </span>
      {t(`consensus.${consensus}`)}
    </span>
  );
}

interface SectorViewProps {
  state: Revealed;
  headingLevel?: 3 | 4;
  /** `table`: a table per item (laptop, projector); `list`: support per sector as a list (phone). */
  layout?: 'table' | 'list';
  /** List the reasons people gave (without names). */
  showReasons?: boolean;
}

/**
 * The cross-sector view of a revealed agreement poll: for each item, how the answers split
 * overall and in each organisation type, as percentages (with counts) and stacked bars, and
 * whether every sector supports it or the sectors diverge.
 */
export function SectorView({ state, headingLevel = 3, layout = 'table', showReasons = false }: SectorViewProps) {
  const { t } = useTranslation();
  const labels = useConsensusLabels();
  const classes = segmentClasses(state.scale);
  const supporting = state.scale.filter((c) => c.supports).map(labels.choice);
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="sector-view stack">
      <p className="hint">{t('poll.supportHint', { choices: supporting.join(t('vote.separator')) })}</p>
      {state.results.map((item) => {
        const sectors = orderSectors(Object.keys(item.byOrganizationType));
        // Sectors the server withheld (too few respondents) come without figures: named, never counted.
        const withheld = orderSectors(item.withheldOrganizationTypes ?? []);
        const rows: Array<{ key: string; name: string; dist: Distribution }> = [
          { key: '', name: t('poll.overall'), dist: item.overall },
          ...sectors.map((id) => ({ key: id, name: labels.organizationType(id), dist: item.byOrganizationType[id] })),
        ];
        return (
          <article key={item.itemId} className={`sector-item is-${item.consensus}`} aria-label={item.label}>
            <Heading className="sector-item-title">
              {item.label} <ConsensusBadge consensus={item.consensus} />
            </Heading>
            {layout === 'table' ? (
              <div className="table-scroll" role="region" aria-label={t('poll.tableCaption', { label: item.label })} tabIndex={0}>
                <table className="sector-table">
                  <caption className="visually-hidden">{t('poll.tableCaption', { label: item.label })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('poll.sector')}</th>
                      <th scope="col">{t('poll.answers')}</th>
                      {state.scale.map((c) => (
                        <th scope="col" key={c.id}>
                          <span className={`swatch ${classes.get(c.id)}`} aria-hidden="true" /> {choiceMark(c) && <span aria-hidden="true">{choiceMark(c)} </span>}
                          {labels.choice(c)}
                        </th>
                      ))}
                      <th scope="col">{t('poll.support')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.key} className={row.key ? '' : 'is-overall'} data-sector={row.key || 'overall'}>
                        <th scope="row">
                          {row.name}
                          <StackBar dist={row.dist} scale={state.scale} classes={classes} />
                        </th>
                        <td>{t('poll.people', { count: row.dist.total })}</td>
                        {state.scale.map((c) => (
                          <td key={c.id}>
                            {labels.percent(row.dist.percent[c.id] ?? 0)} <span className="muted">({row.dist.counts[c.id] ?? 0})</span>
                          </td>
                        ))}
                        <td className="support-cell">{labels.percent(row.dist.supportPercent)}</td>
                      </tr>
                    ))}
                    {withheld.map((id) => (
                      <tr key={`withheld-${id}`} className="is-withheld" data-sector={id}>
                        <th scope="row">{labels.organizationType(id)}</th>
                        <td colSpan={state.scale.length + 2}>{t('poll.withheld')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <ul className="sector-list">
                {rows.map((row) => (
                  <li key={row.key} className={row.key ? '' : 'is-overall'}>
                    <span className="sector-name">{row.name}</span>{' '}
                    {t('poll.supportOf', { percent: labels.percent(row.dist.supportPercent), count: row.dist.total })}
                    <StackBar dist={row.dist} scale={state.scale} classes={classes} />
                  </li>
                ))}
                {withheld.map((id) => (
                  <li key={`withheld-${id}`} className="is-withheld">
                    <span className="sector-name">{labels.organizationType(id)}</span> {t('poll.withheld')}
                  </li>
                ))}
              </ul>
            )}
            {withheld.length > 0 && <p className="hint">{t('poll.withheldHint')}</p>}
            {showReasons && item.reasons.length > 0 && (
              <details className="poll-reasons">
                <summary>{t('poll.reasons', { count: item.reasons.length })}</summary>
                <ul>
                  {item.reasons.map((r, i) => {
                    const choice = state.scale.find((c) => c.id === r.choice);
                    return (
                      <li key={i}>
                        <span className="muted">{labels.organizationType(r.organizationType)}</span> {choice ? labels.choice(choice) : r.choice}: {r.text}
                      </li>
                    );
                  })}
                </ul>
              </details>
            )}
          </article>
        );
      })}
    </div>
  );
}
