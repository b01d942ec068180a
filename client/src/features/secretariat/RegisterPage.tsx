import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ACTION_STATUSES, type ActionStatus } from '../../../../shared/schemas/consensus';
import { type RegisterEntry, secretariatApi } from '../../api/secretariat';
import { useAction } from '../../app/use-action';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { ActionFacts, OverdueBadge } from './ActionFacts';
import { today } from './format';
import { useLabels } from './labels';
import { SecretariatNav } from './SecretariatNav';
import './secretariat.css';

function isStatus(value: string | null): value is ActionStatus {
  return (ACTION_STATUSES as readonly string[]).includes(value ?? '');
}

/**
 * `/secretariat/actions`: the follow-up register. Every action of every session the account
 * sees, overdue ones marked; the clerk sets the status and adds dated progress notes.
 */
export function RegisterPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const applied = { status: isStatus(status) ? status : '', overdue: params.get('overdue') === 'true', organization: params.get('organization') ?? '' } as const;
  const [form, setForm] = useState({ ...applied });
  const [entries, setEntries] = useLoad(() => secretariatApi.register(applied), [params.toString()]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (form.status) next.set('status', form.status);
    if (form.overdue) next.set('overdue', 'true');
    if (form.organization.trim()) next.set('organization', form.organization.trim());
    setParams(next);
  };
  const replace = (entry: RegisterEntry) => {
    if (entries.state === 'done') setEntries(entries.value.map((e) => (e.id === entry.id ? entry : e)));
  };

  return (
    <div className="stack secretariat">
      <SecretariatNav />
      <h1>{t('register.title')}</h1>
      <p>{t('register.intro')}</p>
      <section className="panel" aria-labelledby="register-filter-heading">
        <h2 id="register-filter-heading">{t('register.filters')}</h2>
        <form className="filter-grid" onSubmit={submit}>
          <div className="field">
            <label htmlFor="register-status">{t('register.status')}</label>
            <select id="register-status" value={form.status} onChange={(e) => setForm({ ...form, status: isStatus(e.target.value) ? e.target.value : '' })}>
              <option value="">{t('archive.any')}</option>
              {ACTION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {labels.actionStatus(s)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="register-organization">{t('register.organization')}</label>
            <input id="register-organization" type="text" value={form.organization} onChange={(e) => setForm({ ...form, organization: e.target.value })} />
          </div>
          <label className="check register-overdue-filter">
            <input type="checkbox" checked={form.overdue} onChange={(e) => setForm({ ...form, overdue: e.target.checked })} />
            {t('register.overdueOnly')}
          </label>
          <button type="submit" className="button-primary">
            {t('register.apply')}
          </button>
        </form>
      </section>
      {entries.state === 'loading' && <p>{t('common.loading')}</p>}
      {entries.state === 'failed' && <LiveMessage tone="error">{errorText(entries.error)}</LiveMessage>}
      {entries.state === 'done' && (
        <section className="stack" aria-labelledby="register-list-heading">
          <h2 id="register-list-heading">{t('register.count', { count: entries.value.length })}</h2>
          {entries.value.length === 0 ? (
            <p className="muted">{t('register.none')}</p>
          ) : (
            <ul className="register-list">
              {entries.value.map((entry) => (
                <li key={entry.id}>
                  <RegisterItem entry={entry} onChange={replace} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

/** One action: its facts, a status select that saves at once, and a progress note form. */
function RegisterItem({ entry, onChange }: { entry: RegisterEntry; onChange: (entry: RegisterEntry) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const statusAction = useAction();
  const noteAction = useAction();
  const headingId = `action-${entry.id}`;

  const changeStatus = async (status: ActionStatus) => {
    const saved = await statusAction.run(
      () => secretariatApi.setActionStatus(entry.id, status),
      () => t('register.statusSaved', { title: entry.title, status: labels.actionStatus(status) }),
    );
    if (!saved) return;
    // Overdue: due before today and not done (the server's rule), kept true to the new status.
    onChange({ ...entry, status: saved.status, updatedAt: saved.updatedAt, overdue: saved.dueDate !== null && saved.dueDate < today() && saved.status !== 'done' });
  };
  const addNote = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return setNoteMissing(true);
    const added = await noteAction.run(() => secretariatApi.addNote(entry.id, note.trim()), () => t('register.noteAdded'));
    if (!added) return;
    setNote('');
    onChange({ ...entry, notes: [...entry.notes, added] });
  };

  return (
    <article className={entry.overdue ? 'panel register-entry register-overdue' : 'panel register-entry'} aria-labelledby={headingId}>
      <div className="title-row">
        <h3 id={headingId}>{entry.title}</h3>
        {entry.overdue && <OverdueBadge />}
      </div>
      <div className="field register-status">
        <label htmlFor={`${headingId}-status`}>{t('register.statusOf', { title: entry.title })}</label>
        <select id={`${headingId}-status`} value={entry.status} disabled={statusAction.busy} onChange={(e) => isStatus(e.target.value) && changeStatus(e.target.value)}>
          {ACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {labels.actionStatus(s)}
            </option>
          ))}
        </select>
      </div>
      <LiveMessage tone={statusAction.message?.tone}>{statusAction.message?.text}</LiveMessage>
      <ActionFacts entry={entry} />
      <form className="stack note-form" onSubmit={addNote} noValidate>
        <div className="field">
          <label htmlFor={`${headingId}-note`}>{t('register.noteLabel', { title: entry.title })}</label>
          <textarea
            id={`${headingId}-note`}
            rows={2}
            maxLength={2000}
            value={note}
            aria-invalid={noteMissing}
            onChange={(e) => {
              setNote(e.target.value);
              setNoteMissing(false);
            }}
          />
        </div>
        <LiveMessage tone={noteMissing ? 'error' : noteAction.message?.tone}>{noteMissing ? t('register.noteRequired') : noteAction.message?.text}</LiveMessage>
        <button type="submit" disabled={noteAction.busy}>
          {t('register.addNote')}
        </button>
      </form>
    </article>
  );
}
