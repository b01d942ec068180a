import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LIMITS } from '../../../../shared/limits';
import type { SessionView } from '../../../../shared/schemas/api';
import { api } from '../../api/endpoints';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useAccount } from './AccountGate';
import { AddFacilitatorForm } from './AddFacilitatorForm';
import { formatDateTime } from './format';
import { useErrorText } from '../../components/error-text';

/** The facilitator's home: their sessions, a form to create one, and (for an admin) accounts. */
export function SessionsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const account = useAccount();
  const navigate = useNavigate();
  const [sessions] = useLoad(() => api.listSessions(), []);

  const logout = async () => {
    await api.logout().catch(() => undefined);
    navigate('/login');
  };

  return (
    <div className="stack">
      <div className="title-row">
        <h1>{t('facilitator.title')}</h1>
        <p className="muted">{t('facilitator.signedInAs', { name: account.displayName })}</p>
        <button type="button" className="button-quiet" onClick={logout}>
          {t('facilitator.logout')}
        </button>
      </div>
      <CreateSessionForm />
      <section className="panel" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('facilitator.sessions')}</h2>
        {sessions.state === 'loading' && <p>{t('common.loading')}</p>}
        {sessions.state === 'failed' && <LiveMessage tone="error">{errorText(sessions.error)}</LiveMessage>}
        {sessions.state === 'done' && <SessionList sessions={sessions.value} />}
      </section>
      {account.role === 'admin' && <AddFacilitatorForm />}
    </div>
  );
}

function SessionList({ sessions }: { sessions: SessionView[] }) {
  const { t, i18n } = useTranslation();
  if (sessions.length === 0) return <p className="muted">{t('facilitator.noSessions')}</p>;
  return (
    <ul className="session-list">
      {sessions.map((session) => (
        <li key={session.id}>
          <Link to={`/facilitator/sessions/${session.id}`} className="session-link">
            {session.title}
          </Link>
          <span className="session-meta">
            <span>{t('facilitator.joinCode', { code: session.joinCode })}</span>
            <span>{t('facilitator.createdAt', { date: formatDateTime(session.createdAt, i18n.language) })}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function CreateSessionForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.createSession({ title: title.trim() });
      navigate(`/facilitator/sessions/${session.id}`);
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="create-heading">
      <h2 id="create-heading">{t('facilitator.createTitle')}</h2>
      <form className="inline-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="session-title">{t('facilitator.sessionTitle')}</label>
          <input id="session-title" required maxLength={LIMITS.sessionTitle} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <button type="submit" className="button-primary" disabled={busy}>
          {t('facilitator.create')}
        </button>
      </form>
      <LiveMessage tone="error">{error}</LiveMessage>
    </section>
  );
}
