import { Fragment, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ACTION_STATUSES, type ActionStatus } from '../../../../shared/schemas/consensus';
import { clerkApi, type RegisterRow } from '../../api/clerk';
import { useAction } from '../../app/use-action';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { OverdueBadge } from './ActionFacts';
import { useDates } from './format';
import { useLabels } from './labels';
import { RegisterDetails } from './RegisterDetails';
import { SecretariatNav } from './SecretariatNav';
import './secretariat.css';
import { useWorkingSpace } from '../spaces/working-space';

function isStatus(value: string | null): value is ActionStatus {
  return (ACTION_STATUSES as readonly string[]).includes(value ?? '');
}

const COLUMNS = ['action', 'owner_organization', 'owner_person', 'due_date', 'status', 'session'] as const;
type Column = (typeof COLUMNS)[number];
const FILTERS = ['text', 'owner', 'status', 'session', 'due', 'overdue'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** What each column sorts by; an empty due date sorts last either way. */
const SORT_KEY: Record<Column, (r: RegisterRow) => string> = {
  action: (r) => r.title,
  owner_organization: (r) => r.ownerOrganization,
  owner_person: (r) => r.ownerPerson,
  due_date: (r) => r.dueDate ?? '',
  status: (r) => String(ACTION_STATUSES.indexOf(r.status)),
  session: (r) => `${r.sessionHeldOn} ${r.sessionTitle}`,
};

function matches(r: RegisterRow, f: Filters): boolean {
  const has = (value: string, wanted: string) => value.normalize('NFKC').toLowerCase().includes(wanted.normalize('NFKC').toLowerCase().trim());
  if (f.text && !has(`${r.title} ${r.decision ?? ''} ${r.notes.map((n) => n.note).join(' ')}`, f.text)) return false;
  if (f.owner && !has(`${r.ownerOrganization} ${r.ownerPerson}`, f.owner)) return false;
  if (f.status && r.status !== f.status) return false;
  if (f.session && r.sessionId !== f.session) return false;
  if (f.due && (r.dueDate === null || r.dueDate > f.due)) return false;
  if (f.overdue === 'true' && !r.overdue) return false;
  return true;
}

/**
 * `/secretariat/actions`: the follow-up register as a table — sortable by each column heading,
 * filtered (text, owner, status, session, overdue; kept in the address), the status set in the
 * row, owner and due date edited in the opened row with each change kept in its history. The
 * table scrolls sideways inside its own box on a narrow screen.
 */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters;
  const sort = { column: (COLUMNS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as Column) : 'due_date', descending: params.get('order') === 'desc' };
  const { scopeId } = useWorkingSpace();
  const [entries, setEntries] = useLoad(() => clerkApi.register(scopeId), [scopeId]);
  // Read again in place after a change (history, overdue), so rows, focus and messages stay.
  const refresh = () => void clerkApi.register(scopeId).then(setEntries, () => undefined);
  const [open, setOpen] = useState<string | null>(null);

  const setParam = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) v ? next.set(k, v) : next.delete(k);
    setParams(next, { replace: true });
  };
  const all = entries.state === 'done' ? entries.value : [];
  const sessions = [...new Map(all.map((r) => [r.sessionId, `${r.sessionTitle}（${r.sessionHeldOn}）`])).entries()];
  const rows = all.filter((r) => matches(r, filters));
  const key = SORT_KEY[sort.column];
  rows.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if (sort.column === 'due_date' && (!x || !y)) return !x && !y ? 0 : !x ? 1 : -1;
    return (sort.descending ? -1 : 1) * x.localeCompare(y, i18n.language);
  });

  return (
    <div className="stack secretariat">
      <SecretariatNav />
      <h1>{t('register.title')}</h1>
      <p>{t('register.intro')}</p>
      <section className="panel" aria-labelledby="register-filter-heading">
        <h2 id="register-filter-heading">{t('register.filters')}</h2>
        <form className="filter-grid" onSubmit={(e: FormEvent) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="register-text">{t('register.text')}</label>
            <input id="register-text" type="search" value={filters.text} onChange={(e) => setParam({ text: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="register-owner">{t('register.ownerFilter')}</label>
            <input id="register-owner" type="search" value={filters.owner} onChange={(e) => setParam({ owner: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="register-status">{t('register.status')}</label>
            <select id="register-status" value={filters.status} onChange={(e) => setParam({ status: isStatus(e.target.value) ? e.target.value : '' })}>
              <option value="">{t('archive.any')}</option>
              {ACTION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {labels.actionStatus(s)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="register-session">{t('register.sessionFilter')}</label>
            <select id="register-session" value={filters.session} onChange={(e) => setParam({ session: e.target.value })}>
              <option value="">{t('register.allSessions')}</option>
              {sessions.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="register-due">{t('register.dueBy')}</label>
            <input id="register-due" type="date" value={filters.due} onChange={(e) => setParam({ due: e.target.value })} />
          </div>
          <label className="check register-overdue-filter">
            <input type="checkbox" checked={filters.overdue === 'true'} onChange={(e) => setParam({ overdue: e.target.checked ? 'true' : '' })} />
            {t('register.overdueOnly')}
          </label>
        </form>
      </section>
      <p className="link-row">
        <a href={clerkApi.registerCsvUrl(i18n.language, scopeId)} download>
          {t('register.downloadCsv')}
        </a>
      </p>
      {entries.state === 'loading' && <p>{t('common.loading')}</p>}
      {entries.state === 'failed' && <LiveMessage tone="error">{errorText(entries.error)}</LiveMessage>}
      {entries.state === 'done' && (
        <section className="stack" aria-labelledby="register-list-heading">
          <h2 id="register-list-heading" aria-live="polite">
            {t('register.count', { count: rows.length })}
          </h2>
          {rows.length === 0 ? (
            <p className="muted">{t('register.none')}</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="register-caption" tabIndex={0}>
              <table className="register-table">
                <caption id="register-caption">{t('register.tableCaption')}</caption>
                <thead>
                  <tr>
                    {COLUMNS.map((c) => (
                      <th key={c} scope="col" aria-sort={sort.column === c ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                        <button type="button" className="sort-button" onClick={() => setParam({ sort: c, order: sort.column === c && !sort.descending ? 'desc' : '' })}>
                          {t(`register.column.${c}`)}
                          <span aria-hidden="true">{sort.column === c ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
                        </button>
                      </th>
                    ))}
                    <th scope="col">{t('register.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <Fragment key={r.id}>
                      <RegisterTableRow entry={r} open={open === r.id} onToggle={() => setOpen(open === r.id ? null : r.id)} onChange={refresh} />
                      {open === r.id && (
                        <tr className="register-open">
                          <td colSpan={COLUMNS.length + 1} id={`register-details-${r.id}`}>
                            <RegisterDetails key={r.updatedAt + r.notes.length} entry={r} onChange={refresh} />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </div>
  );
}

/** One action as a row: its status is set here and saved at once. */
function RegisterTableRow({ entry, open, onToggle, onChange }: { entry: RegisterRow; open: boolean; onToggle: () => void; onChange: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const dates = useDates();
  const status = useAction();
  const changeStatus = async (next: ActionStatus) => {
    const saved = await status.run(() => clerkApi.patchAction(entry.id, { status: next }), () => t('register.statusSaved', { title: entry.title, status: labels.actionStatus(next) }));
    if (saved) onChange();
  };
  return (
    <tr className={entry.overdue ? 'register-overdue' : undefined}>
      <th scope="row">{entry.title}</th>
      <td>{entry.ownerOrganization}</td>
      <td>{entry.ownerPerson}</td>
      <td>
        {entry.dueDate ? dates.shortDay(entry.dueDate) : t('register.noDue')}
        {entry.overdue && (
          <>
            {' '}
            <OverdueBadge />
          </>
        )}
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`status-${entry.id}`}>
          {t('register.statusOf', { title: entry.title })}
        </label>
        <select id={`status-${entry.id}`} value={entry.status} disabled={status.busy} onChange={(e) => isStatus(e.target.value) && void changeStatus(e.target.value)}>
          {ACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {labels.actionStatus(s)}
            </option>
          ))}
        </select>
        <LiveMessage tone={status.message?.tone}>{status.message?.text}</LiveMessage>
      </td>
      <td>
        {entry.sessionTitle} <span className="muted">{dates.shortDay(entry.sessionHeldOn)}</span>
      </td>
      <td>
        <button type="button" aria-expanded={open} aria-controls={`register-details-${entry.id}`} aria-label={t('register.editOf', { title: entry.title })} onClick={onToggle}>
          {t('register.details')}
        </button>
      </td>
    </tr>
  );
}
