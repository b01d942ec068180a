import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/http';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { findJoinBySession, type StoredJoin } from './joins';
import { JoinAgain } from './SessionEnded';

/**
 * A participant page's way in: the token this phone joined `sessionId` with, what `load` fetches
 * with it, and the same answers for a phone that never joined, is waiting, was removed (401) or
 * hit an error.
 */
export function JoinedGate<T>({
  sessionId,
  load,
  children,
}: {
  sessionId: string;
  load: (join: StoredJoin) => Promise<T>;
  children: (join: StoredJoin, value: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const join = useMemo(() => findJoinBySession(sessionId), [sessionId]);
  const [loaded] = useLoad(() => (join ? load(join) : Promise.reject(new ApiError(401, 'unauthorized', 'not joined'))), [sessionId]);

  if (!join) {
    return (
      <div className="stack narrow">
        <LiveMessage tone="error">{t('participant.notJoined')}</LiveMessage>
        <Link to="/">{t('nav.home')}</Link>
      </div>
    );
  }
  if (loaded.state === 'loading') return <p>{t('common.loading')}</p>;
  if (loaded.state === 'failed') {
    if (loaded.error instanceof ApiError && loaded.error.status === 401) return <JoinAgain join={join} />;
    return <LiveMessage tone="error">{errorText(loaded.error)}</LiveMessage>;
  }
  return <>{children(join, loaded.value)}</>;
}
