import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { SessionView } from '../../../../shared/schemas/api';
import { api } from '../../api/endpoints';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useAccount } from './AccountGate';
import { AddFacilitatorForm } from './AddFacilitatorForm';
import { PasswordChangeForm } from './PasswordChangeForm';
import { CreateSessionForm } from './CreateSessionForm';
import { formatDateTime } from './format';
import { useErrorText } from '../../components/error-text';
import { SpaceSwitcher } from '../spaces/SpaceSwitcher';
import { useWorkingSpace } from '../spaces/working-space';

/** The facilitator's home: their sessions, a form to create one, and (for an admin) accounts. */
export function SessionsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const account = useAccount();
  const navigate = useNavigate();
  const { scopeId } = useWorkingSpace();
  const [sessions] = useLoad(() => api.listSessions(scopeId), [scopeId]);

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
      <Link to="/secretariat/archive">{t('secretariat.open')}</Link>
      <SpaceSwitcher />
      <CreateSessionForm sessions={sessions.state === 'done' ? sessions.value : []} spaceId={scopeId} />
      <section className="panel" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('facilitator.sessions')}</h2>
        {sessions.state === 'loading' && <p>{t('common.loading')}</p>}
        {sessions.state === 'failed' && <LiveMessage tone="error">{errorText(sessions.error)}</LiveMessage>}
        {sessions.state === 'done' && <SessionList sessions={sessions.value} />}
      </section>
      {account.role === 'admin' && <AddFacilitatorForm />}
      <PasswordChangeForm />
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
