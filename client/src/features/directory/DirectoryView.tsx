import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { DirectoryEntry, DirectoryQuery, Taxonomy } from '../../api/directory';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { useDirectoryLabels } from './labels';
import { ResourceSummary } from './ResourceSummary';
import { WEEKDAYS } from './schedule';

const FACETS = ['category', 'audience', 'district', 'weekday'] as const;

/** The filters as the address holds them, so a filtered list can be bookmarked and printed. */
function queryOf(params: URLSearchParams): DirectoryQuery {
  const q: DirectoryQuery = { q: params.get('q') ?? '' };
  for (const facet of FACETS) q[facet] = params.get(facet) ?? '';
  q.openThisWeek = params.get('week') === '1';
  return q;
}

/**
 * The directory with its search box and facets, for the secretariat and the public view alike.
 * The server searches and filters (the same 2-character rule as the archive, "open this week" in Japan time).
 */
export function DirectoryView({ scope, load, taxonomy, staleFlag, title }: { scope: string; load: (q: DirectoryQuery) => Promise<DirectoryEntry[]>; taxonomy: Taxonomy; staleFlag: boolean; title: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const labels = useDirectoryLabels();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const [entries] = useLoad(() => load(query), [scope, params.toString()]);
  const [typed, setTyped] = useState(query.q ?? '');
  const change = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const search = (event: FormEvent) => {
    event.preventDefault();
    change('q', typed.trim());
  };
  const options: Record<(typeof FACETS)[number], Array<[string, string]>> = {
    category: taxonomy.categories.map((c) => [c, c]),
    audience: taxonomy.audiences.map((a) => [a, a]),
    district: taxonomy.districts.map((d) => [d, d]),
    weekday: WEEKDAYS.map((d) => [d, labels.weekdayName(d)]),
  };
  const shown = entries.state === 'done' ? entries.value : [];
  return (
    <div className="stack directory">
      <h1>{title}</h1>
      <form className="dir-search no-print" role="search" onSubmit={search}>
        <div className="field">
          <label htmlFor="dir-q">{t('dir.view.search')}</label>
          <input id="dir-q" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} aria-describedby="dir-q-hint" />
        </div>
        <button type="submit">{t('dir.view.searchButton')}</button>
        <p id="dir-q-hint" className="hint">
          {t('dir.view.searchHint')}
        </p>
      </form>
      <fieldset className="filter-grid dir-facets no-print">
        <legend>{t('dir.view.facets')}</legend>
        {FACETS.filter((facet) => options[facet].length > 0).map((facet) => (
          <div className="field" key={facet}>
            <label htmlFor={`dir-${facet}`}>{t(`dir.facet.${facet}`)}</label>
            <select id={`dir-${facet}`} value={query[facet] ?? ''} onChange={(e) => change(facet, e.target.value)}>
              <option value="">{t('dir.all')}</option>
              {options[facet].map(([value, label]) => (
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
      </fieldset>
      <p className="button-row no-print">
        <button type="button" onClick={() => window.print()}>
          {t('dir.view.print')}
        </button>
      </p>
      {entries.state === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {entries.state === 'failed' && <LiveMessage tone="error">{errorText(entries.error)}</LiveMessage>}
      {entries.state === 'done' && (
        <>
          <p aria-live="polite" className="dir-count">
            {t('dir.view.count', { count: shown.length })}
          </p>
          {shown.length === 0 && <p className="muted">{t('dir.view.empty')}</p>}
          <ul className="dir-list" aria-label={t('dir.view.results')}>
            {shown.map((entry) => (
              <li key={entry.id} className="dir-entry">
                <ResourceSummary resource={entry} staleFlag={staleFlag} headingLevel={2} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
