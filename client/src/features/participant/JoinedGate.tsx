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
 * hit an error. What `known` already has (a join's answer) is shown at once while `load` runs.
 */
export function JoinedGate<T>({
  sessionId,
  load,
  known,
  offline,
  children,
}: {
  sessionId: string;
  load: (join: StoredJoin) => Promise<T>;
  known?: (join: StoredJoin) => T | undefined;
  /** What the device kept, shown only when `load` failed for want of a network. */
  offline?: (join: StoredJoin) => T | undefined;
  children: (join: StoredJoin, value: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const join = useMemo(() => findJoinBySession(sessionId), [sessionId]);
  // Read once per session, so a value `load` brings later replaces it instead of the reverse.
  const initial = useMemo(() => (join ? known?.(join) : undefined), [join]);
  const [loaded] = useLoad(() => (join ? load(join) : Promise.reject(new ApiError(401, 'unauthorized', 'not joined'))), [sessionId]);

  if (!join) {
    return (
      <div className="stack narrow">
        <LiveMessage tone="error">{t('participant.notJoined')}</LiveMessage>
        <Link to="/">{t('nav.home')}</Link>
      </div>
    );
  }
  // No network at all (status 0, not an answer): what the device kept, if anything.
  const offlineValue = loaded.state === 'failed' && loaded.error instanceof ApiError && loaded.error.status === 0 ? offline?.(join) : undefined;
  if (loaded.state === 'failed') {
    if (loaded.error instanceof ApiError && loaded.error.status === 401) return <JoinAgain join={join} />;
    // With something to show, the page stays: its own connection status tells of the network.
    if (initial === undefined && offlineValue === undefined) return <LiveMessage tone="error">{errorText(loaded.error)}</LiveMessage>;
  }
  const value = loaded.state === 'done' ? loaded.value : (initial ?? offlineValue);
  if (value === undefined) return <p>{t('common.loading')}</p>;
  // One place in the tree whether the value is known or loaded, so the page is not mounted twice.
  return <>{children(join, value)}</>;
}
