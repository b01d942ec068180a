import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type ArchiveEntry, type ArchiveQuery, secretariatApi } from '../../api/secretariat';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { useDates } from './format';
import { ImportForm } from './ImportForm';
import { CardSearch } from './CardSearch';
import { VariantsForm } from './VariantsForm';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { clerkApi } from '../../api/clerk';
import { useAccount } from '../facilitator/AccountGate';
import { SecretariatNav } from './SecretariatNav';
import './secretariat.css';
import { useWorkingSpace } from '../spaces/working-space';

const FIELDS = ['q', 'from', 'to', 'theme', 'facilitator', 'status', 'series'] as const;
type Filters = Record<(typeof FIELDS)[number], string>;

function filtersOf(params: URLSearchParams): Filters {
  return Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Filters;
}

/** `/secretariat/archive`: every session the account may see, searched (Japanese at any length) and filtered; each links to its report. */
export function ArchivePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const applied = filtersOf(params);
  const [form, setForm] = useState<Filters>(applied);
  const account = useAccount();
  // Bumped after a deletion, so the list loads again without the session.
  const [version, setVersion] = useState(0);
  const [deleted, setDeleted] = useState('');
  const { scopeId } = useWorkingSpace();
  const [results] = useLoad(() => secretariatApi.archive({ ...(applied as ArchiveQuery), ...(scopeId ? { spaceId: scopeId } : {}) }), [params.toString(), version, scopeId]);
  // The unfiltered list names the facilitators and working groups to filter by.
  const [everything] = useLoad(() => secretariatApi.archive(scopeId ? { spaceId: scopeId } : {}), [scopeId]);
  const all = everything.state === 'done' ? everything.value : [];
  const facilitators = [...new Map(all.map((e) => [e.facilitatorId, e.facilitator])).entries()];
  const series = [...new Set(all.map((e) => e.series).filter(Boolean))];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const f of FIELDS) if (form[f].trim()) next.set(f, form[f].trim());
    setParams(next);
  };
  const clear = () => {
    setForm(filtersOf(new URLSearchParams()));
    setParams(new URLSearchParams());
  };
  const field = (name: keyof Filters) => ({
    id: `archive-${name}`,
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });

  return (
    <div className="stack secretariat">
      <SecretariatNav />
      <h1>{t('archive.title')}</h1>
      <CardSearch />
      {account.role === 'admin' && <VariantsForm />}
      <section className="panel" aria-labelledby="archive-search-heading">
        <h2 id="archive-search-heading">{t('archive.searchTitle')}</h2>
        <form role="search" className="stack" onSubmit={submit}>
          <div className="field">
            <label htmlFor="archive-q">{t('archive.search')}</label>
            <input type="search" aria-describedby="archive-q-hint" {...field('q')} />
            <p id="archive-q-hint" className="hint">
              {t('archive.searchHint')}
            </p>
          </div>
          <div className="filter-grid">
            <div className="field">
              <label htmlFor="archive-from">{t('archive.from')}</label>
              <input type="date" {...field('from')} />
            </div>
            <div className="field">
              <label htmlFor="archive-to">{t('archive.to')}</label>
              <input type="date" {...field('to')} />
            </div>
            <div className="field">
              <label htmlFor="archive-theme">{t('archive.theme')}</label>
              <input type="text" {...field('theme')} />
            </div>
            <div className="field">
              <label htmlFor="archive-facilitator">{t('archive.facilitator')}</label>
              <select {...field('facilitator')}>
                <option value="">{t('archive.any')}</option>
                {facilitators.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name || id}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="archive-status">{t('archive.status')}</label>
              <select {...field('status')}>
                <option value="">{t('archive.any')}</option>
                <option value="open">{t('secretariat.status.open')}</option>
                <option value="closed">{t('secretariat.status.closed')}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="archive-series">{t('archive.series')}</label>
              <input type="text" list="archive-series-list" {...field('series')} />
              <datalist id="archive-series-list">
                {series.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
            </div>
          </div>
          <div className="button-row">
            <button type="submit" className="button-primary">
              {t('archive.submit')}
            </button>
            <button type="button" className="button-quiet" onClick={clear}>
              {t('archive.clear')}
            </button>
          </div>
        </form>
      </section>
      <section aria-labelledby="archive-results-heading" className="stack">
        <h2 id="archive-results-heading">
          {results.state === 'done' ? t('archive.results', { count: results.value.length }) : t('archive.title')}
        </h2>
        {results.state === 'loading' && <p>{t('common.loading')}</p>}
        {results.state === 'failed' && <LiveMessage tone="error">{errorText(results.error)}</LiveMessage>}
        <LiveMessage>{deleted}</LiveMessage>
        {results.state === 'done' && (
          <ArchiveList
            entries={results.value}
            query={applied.q}
            onDeleted={(title) => {
              setDeleted(t('archive.deleted', { title }));
              setVersion((v) => v + 1);
            }}
          />
        )}
      </section>
      <ImportForm />
    </div>
  );
}

function ArchiveList({ entries, query, onDeleted }: { entries: ArchiveEntry[]; query: string; onDeleted: (title: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const dates = useDates();
  const [doomed, setDoomed] = useState<ArchiveEntry | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const remove = async (entry: ArchiveEntry) => {
    setBusy(true);
    try {
      await clerkApi.deleteSession(entry.id);
      setDoomed(null);
      onDeleted(entry.title);
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  if (entries.length === 0) return <p className="muted">{t('archive.none')}</p>;
  return (
    <>
      {doomed && (
        <ConfirmDialog
          title={t('archive.deleteTitle', { title: doomed.title })}
          confirmLabel={t('archive.deleteConfirm')}
          busy={busy}
          onConfirm={() => void remove(doomed)}
          onCancel={() => {
            setDoomed(null);
            setFailure('');
          }}
        >
          <p>{t('archive.deleteBody')}</p>
          {failure && <LiveMessage tone="error">{failure}</LiveMessage>}
        </ConfirmDialog>
      )}
      <ul className="archive-list">
        {entries.map((entry) => (
          <li key={entry.id} className="panel archive-entry">
            <h3>
              <Link to={`/secretariat/sessions/${entry.id}/report`}>{entry.title}</Link>
            </h3>
            <dl className="facts">
              <div>
                <dt>{t('export.date')}</dt>
                <dd>{dates.day(entry.heldOn)}</dd>
              </div>
              <div>
                <dt>{t('report.status')}</dt>
                <dd>
                  <StatusBadge status={entry.status} />
                </dd>
              </div>
              {entry.theme && (
                <div>
                  <dt>{t('export.theme')}</dt>
                  <dd>{entry.theme}</dd>
                </div>
              )}
              {entry.venue && (
                <div>
                  <dt>{t('export.venue')}</dt>
                  <dd>{entry.venue}</dd>
                </div>
              )}
              {entry.series && (
                <div>
                  <dt>{t('report.series')}</dt>
                  <dd>{entry.series}</dd>
                </div>
              )}
              <div>
                <dt>{t('export.facilitator')}</dt>
                <dd>{entry.facilitator}</dd>
              </div>
            </dl>
            {entry.match && (
              <p className="archive-match">
                <span className="archive-match-label">{t('archive.match')}: </span>
                <Highlighted text={entry.match} query={query} />
              </p>
            )}
            <div className="button-row no-print">
              <button type="button" className="button-quiet" aria-label={t('archive.deleteOf', { title: entry.title })} onClick={() => setDoomed(entry)}>
                {t('common.delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Whether a session is open or closed (archived), as a word with an icon. */
export function StatusBadge({ status }: { status: 'open' | 'closed' }) {
  const { t } = useTranslation();
  return (
    <span className={`badge-status status-${status}`}>
      <span aria-hidden="true">{status === 'open' ? '● ' : '■ '}</span>
      {t(`secretariat.status.${status}`)}
    </span>
  );
}

/** Characters shown on each side of a match. */
const SNIPPET = 40;

/** The matched text with the searched words marked. */
function Highlighted({ text, query }: { text: string; query: string }) {
  const q = query.trim();
  const at = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (at < 0) return <>{text.length > SNIPPET * 2 ? `${text.slice(0, SNIPPET * 2)}…` : text}</>;
  // A long archived text (a persona, a card) is cut to the words around the match.
  const start = Math.max(0, at - SNIPPET);
  const end = Math.min(text.length, at + q.length + SNIPPET);
  return (
    <>
      {start > 0 && '…'}
      {text.slice(start, at)}
      <mark>{text.slice(at, at + q.length)}</mark>
      {text.slice(at + q.length, end)}
      {end < text.length && '…'}
    </>
  );
}
