import { useTranslation } from 'react-i18next';
import { Link, NavLink, useParams } from 'react-router';
import type { SessionView } from '../../../../shared/schemas/api';
import { api } from '../../api/endpoints';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { FacilitatorBoard } from './FacilitatorBoard';
import { PreparePage } from './prepare/PreparePage';
import { RunPage } from './run/RunPage';

/** The session and a facilitator token for its sockets, loaded together. */
function useSessionWithToken(id: string) {
  return useLoad(async () => {
    const [session, { token }] = await Promise.all([api.getSession(id), api.facilitatorToken(id)]);
    return { session, token };
  }, [id]);
}

/** Which screen of a session: preparing it, running it, or the board alone. */
export type SessionScreen = 'prepare' | 'run' | 'board';

/**
 * One session for its facilitator: preparation (theme, programme, persona, journey, tables),
 * running (control bar, boards, tables, participants), or the board alone.
 */
export function SessionPage({ screen }: { screen: SessionScreen }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { id = '' } = useParams();
  const [loaded, setLoaded] = useSessionWithToken(id);

  if (loaded.state === 'loading') return <p>{t('common.loading')}</p>;
  if (loaded.state === 'failed') {
    return (
      <div className="stack">
        <LiveMessage tone="error">{errorText(loaded.error)}</LiveMessage>
        <Link to="/facilitator">{t('facilitator.backToSessions')}</Link>
      </div>
    );
  }
  const { session, token } = loaded.value;
  const onSessionChange = (next: SessionView) => setLoaded({ session: next, token });
  const base = `/facilitator/sessions/${session.id}`;
  const main = session.boards.find((b) => b.kind === 'main') ?? session.boards[0];
  if (screen === 'board') {
    return (
      <div className="stack">
        <Link to={`${base}/run`}>{t('session.backToSession')}</Link>
        {main && <FacilitatorBoard room={main.room} token={token} title={session.title} headingLevel={1} />}
      </div>
    );
  }
  return (
    <div className="stack">
      <nav className="link-row session-nav" aria-label={t('session.nav')}>
        <Link to="/facilitator">{t('facilitator.backToSessions')}</Link>
        <NavLink to={base} end>
          {t('session.prepare')}
        </NavLink>
        <NavLink to={`${base}/run`}>{t('session.run')}</NavLink>
        <Link to={`${base}/board`}>{t('session.openBoard')}</Link>
        <Link to={`/secretariat/sessions/${session.id}/since-last`}>{t('secretariat.sinceLastLink')}</Link>
        <Link to={`/secretariat/sessions/${session.id}/report`}>{t('report.title')}</Link>
      </nav>
      <h1>{session.title}</h1>
      {session.theme && <p className="session-theme">{session.theme}</p>}
      {screen === 'prepare' ? <PreparePage session={session} token={token} onSessionChange={onSessionChange} /> : <RunPage session={session} token={token} />}
    </div>
  );
}
