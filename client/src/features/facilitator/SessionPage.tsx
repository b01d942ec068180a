import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/endpoints';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { FacilitatorBoard } from './FacilitatorBoard';
import { JoinPanel } from './JoinPanel';
import { useErrorText } from '../../components/error-text';

/** The session and a facilitator token for its sockets, loaded together. */
function useSessionWithToken(id: string) {
  return useLoad(async () => {
    const [session, { token }] = await Promise.all([api.getSession(id), api.facilitatorToken(id)]);
    return { session, token };
  }, [id])[0];
}

/**
 * One session for its facilitator: how to join (code, link, QR code) and the live board.
 * With `boardOnly`, the board alone fills the screen (for the projector).
 */
export function SessionPage({ boardOnly = false }: { boardOnly?: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { id = '' } = useParams();
  const loaded = useSessionWithToken(id);

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
  const board = session.boards[0];
  if (boardOnly) {
    return (
      <div className="stack">
        <Link to={`/facilitator/sessions/${session.id}`}>{t('session.backToSession')}</Link>
        {board && <FacilitatorBoard room={board.room} token={token} title={session.title} headingLevel={1} />}
      </div>
    );
  }
  return (
    <div className="stack">
      <nav className="link-row" aria-label={t('session.board')}>
        <Link to="/facilitator">{t('facilitator.backToSessions')}</Link>
        <Link to={`/facilitator/sessions/${session.id}/board`}>{t('session.openBoard')}</Link>
      </nav>
      <h1>{session.title}</h1>
      <JoinPanel session={session} />
      {board && <FacilitatorBoard room={board.room} token={token} title={`${t('session.board')}: ${board.name}`} />}
    </div>
  );
}
