import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { DirectoryQuery, Taxonomy } from '../../api/directory';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { useDirectoryLabels } from './labels';
import { ResourceSummary, type SummaryEntry } from './ResourceSummary';
import { WEEKDAYS } from './schedule';

const FACETS = ['category', 'audience', 'district', 'weekday'] as const;
const TAXONOMY_OF: Record<Exclude<(typeof FACETS)[number], 'weekday'>, keyof Taxonomy> = { category: 'categories', audience: 'audiences', district: 'districts' };

/** The filters as the address holds them, so a filtered list can be bookmarked and printed. */
function queryOf(params: URLSearchParams): DirectoryQuery {
  const q: DirectoryQuery = { q: params.get('q') ?? '' };
  for (const facet of FACETS) q[facet] = params.get(facet) ?? '';
  q.openThisWeek = params.get('week') === '1';
  q.all = params.get('all') === '1';
  return q;
}

/** What a directory load answers: the entries and the terms its facets offer. */
export interface DirectoryAnswer {
  entries: SummaryEntry[];
  taxonomy: Taxonomy;
}

/**
 * The directory with its search box and facets, for the secretariat and the public view alike.
 * The server searches (the archive's 2-character rule) and filters ("open this week" in Japan
 * time); the facets offer the terms the answer came with.
 */
export function DirectoryView({ scope, load, secretariat, title, aside }: { scope: string; load: (q: DirectoryQuery) => Promise<DirectoryAnswer>; secretariat: boolean; title: string; aside?: ReactNode }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const labels = useDirectoryLabels();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const [answer] = useLoad(() => load(query), [scope, params.toString()]);
  // The facets keep the last terms while a new answer loads, so the page does not jump.
  const [taxonomy, setTaxonomy] = useState<Taxonomy>({ categories: [], audiences: [], districts: [] });
  useEffect(() => {
    if (answer.state === 'done') setTaxonomy(answer.value.taxonomy);
  }, [answer]);
  const [typed, setTyped] = useState(query.q ?? '');
  // From the address as it is now, not as this render saw it: two quick changes both count.
  const change = (key: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const search = (event: FormEvent) => {
    event.preventDefault();
    change('q', typed.trim());
  };
  const options = (facet: (typeof FACETS)[number]): Array<[string, string]> => {
    if (facet === 'weekday') return WEEKDAYS.map((d) => [d, labels.weekdayName(d)]);
    const chosen = query[facet] ?? '';
    const terms = taxonomy[TAXONOMY_OF[facet]];
    return [...terms, ...(chosen && !terms.includes(chosen) ? [chosen] : [])].map((term) => [term, term]);
  };
  const shown = answer.state === 'done' ? answer.value.entries : [];
  return (
    <div className="stack directory">
      <h1>{title}</h1>
      {/* On a laptop the search and facets stand beside the results, so the first entries show without scrolling. */}
      <div className="dir-layout">
        <div className="stack dir-controls no-print">
          <form className="dir-search" role="search" onSubmit={search}>
            <div className="field">
              <label htmlFor="dir-q">{t('dir.view.search')}</label>
              <input id="dir-q" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} aria-describedby="dir-q-hint" />
            </div>
            <button type="submit">{t('dir.view.searchButton')}</button>
            <p id="dir-q-hint" className="hint">
              {t('dir.view.searchHint')}
            </p>
          </form>
          <fieldset className="stack dir-facets">
            <legend>{t('dir.view.facets')}</legend>
            {FACETS.map((facet) => (
              <div className="field" key={facet}>
                <label htmlFor={`dir-${facet}`}>{t(`dir.facet.${facet}`)}</label>
                <select id={`dir-${facet}`} value={query[facet] ?? ''} onChange={(e) => change(facet, e.target.value)}>
                  <option value="">{t('dir.all')}</option>
                  {options(facet).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <label className="choice-inline">
              <input type="checkbox" checked={query.openThisWeek ?? false} onChange={(e) => change('week', e.target.checked ? '1' : '')} />
              {t('dir.facet.openThisWeek')}
            </label>
            {secretariat && (
              <label className="choice-inline">
                <input type="checkbox" checked={query.all ?? false} onChange={(e) => change('all', e.target.checked ? '1' : '')} />
                {t('dir.facet.all')}
              </label>
            )}
          </fieldset>
          <p className="button-row">
            <button type="button" onClick={() => window.print()}>
              {t('dir.view.print')}
            </button>
          </p>
          {aside}
        </div>
        <div className="stack dir-results">
          {answer.state === 'loading' && <p className="muted">{t('common.loading')}</p>}
          {answer.state === 'failed' && <LiveMessage tone="error">{errorText(answer.error)}</LiveMessage>}
          {answer.state === 'done' && (
            <>
              <p aria-live="polite" className="dir-count">
                {t('dir.view.count', { count: shown.length })}
              </p>
              {shown.length === 0 && <p className="muted">{t('dir.view.empty')}</p>}
              <ul className="dir-list" aria-label={t('dir.view.results')}>
                {shown.map((entry) => (
                  <li key={entry.id} className="dir-entry">
                    <ResourceSummary resource={entry} staleFlag={secretariat} headingLevel={2} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
