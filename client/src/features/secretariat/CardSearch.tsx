import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { clerkApi, SEARCH_SOURCES, type SearchHit, type SearchSource } from '../../api/clerk';
import { useLoad } from '../../app/use-load';
import { KindLabel } from '../../components/KindLabel';
import { LiveMessage } from '../../components/LiveMessage';
import { CARD_KINDS, type CardKind } from '../../../../shared/schemas/cards';
import { useErrorText } from '../../components/error-text';
import { useDates } from './format';
import { useWorkingSpace } from '../spaces/working-space';

/** Characters kept on each side of the marked words in a long text. */
const CONTEXT = 60;

/**
 * Card-level search: what a clerk types, folded and with its spelling variants, across cards,
 * groups, preparation, decisions, actions, owners and notes. Each hit names its session and
 * opens its report. The query lives in the address (`?find=`), so a result can be shared.
 */
export function CardSearch() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const applied = { q: params.get('find') ?? '', source: (params.get('in') ?? '') as '' | SearchSource };
  const [form, setForm] = useState(applied);
  const { scopeId } = useWorkingSpace();
  const [results] = useLoad(() => (applied.q.trim() ? clerkApi.search(applied.q, applied.source, scopeId) : Promise.resolve(null)), [applied.q, applied.source, scopeId]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    for (const [key, value] of [['find', form.q.trim()], ['in', form.source]] as const) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };

  return (
    <section className="panel stack" aria-labelledby="card-search-heading">
      <h2 id="card-search-heading">{t('search.title')}</h2>
      <form role="search" className="stack" onSubmit={submit} aria-label={t('search.title')}>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="card-search-q">{t('search.query')}</label>
            <input id="card-search-q" type="search" aria-describedby="card-search-hint" value={form.q} onChange={(e) => setForm({ ...form, q: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="card-search-source">{t('search.source')}</label>
            <select id="card-search-source" value={form.source} onChange={(e) => setForm({ ...form, source: e.target.value as '' | SearchSource })}>
              <option value="">{t('search.source.all')}</option>
              {SEARCH_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`search.source.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p id="card-search-hint" className="hint">
          {t('search.hint')}
        </p>
        <div className="button-row">
          <button type="submit" className="button-primary">
            {t('search.submit')}
          </button>
        </div>
      </form>
      {results.state === 'loading' && applied.q && <p>{t('common.loading')}</p>}
      {results.state === 'failed' && <LiveMessage tone="error">{errorText(results.error)}</LiveMessage>}
      {results.state === 'done' && results.value && (
        <div className="stack" aria-live="polite">
          <h3>{results.value.hits.length === 0 ? t('search.none') : t('search.results', { count: results.value.hits.length })}</h3>
          {results.value.spellings.length > 1 && <p className="hint">{t('search.spellings', { list: results.value.spellings.join('、') })}</p>}
          {results.value.truncated && <p className="hint">{t('search.truncated', { count: results.value.hits.length })}</p>}
          <ul className="search-hits">
            {results.value.hits.map((hit) => (
              <HitItem key={`${hit.source}-${hit.sessionId}-${hit.refId}-${hit.text.length}`} hit={hit} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

const isCardKind = (kind: string): kind is CardKind => (CARD_KINDS as readonly string[]).includes(kind);

function HitItem({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <li className="search-hit">
      <p className="search-hit-kind">
        <span className="badge-source">{t(`search.source.${hit.source}`)}</span>
        {hit.kind && isCardKind(hit.kind) && <KindLabel kind={hit.kind} />}
      </p>
      <p className="search-hit-text">
        <Marked text={hit.text} ranges={hit.highlights} />
      </p>
      <p className="search-hit-session">
        {hit.sessionTitle}（{dates.day(hit.sessionHeldOn)}）{' '}
        <Link to={hit.reportPath} aria-label={`${t('search.open')}: ${hit.sessionTitle}`}>
          {t('search.open')}
        </Link>
      </p>
    </li>
  );
}

/** The text with the server's ranges marked, as text nodes only (never HTML); a long text is cut around them. */
export function Marked({ text, ranges }: { text: string; ranges: Array<[number, number]> }) {
  const from = ranges.length > 0 ? Math.max(0, ranges[0][0] - CONTEXT) : 0;
  const to = ranges.length > 0 ? Math.min(text.length, ranges[ranges.length - 1][1] + CONTEXT) : Math.min(text.length, CONTEXT * 2);
  const parts: Array<{ text: string; mark: boolean }> = [];
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    if (start > at) parts.push({ text: text.slice(at, start), mark: false });
    parts.push({ text: text.slice(Math.max(start, at), end), mark: true });
    at = end;
  }
  if (at < to) parts.push({ text: text.slice(at, to), mark: false });
  return (
    <>
      {from > 0 && '…'}
      {parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
      {to < text.length && '…'}
    </>
  );
}
