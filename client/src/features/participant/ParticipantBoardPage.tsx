import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/endpoints';
import { ApiError } from '../../api/http';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { findJoinBySession } from './joins';
import { JoinAgain } from './SessionEnded';
import { ParticipantBoard } from './ParticipantBoard';
import { useErrorText } from '../../components/error-text';

/** `/s/:sessionId`: the participant's board, for a phone that joined this session. */
export function ParticipantBoardPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { sessionId = '' } = useParams();
  const join = useMemo(() => findJoinBySession(sessionId), [sessionId]);
  const [access] = useLoad(() => (join ? api.access(join.token) : Promise.reject(new ApiError(401, 'unauthorized', 'not joined'))), [sessionId]);

  if (!join) {
    return (
      <div className="stack narrow">
        <LiveMessage tone="error">{t('participant.notJoined')}</LiveMessage>
        <Link to="/">{t('nav.home')}</Link>
      </div>
    );
  }
  if (access.state === 'loading') return <p>{t('common.loading')}</p>;
  if (access.state === 'failed') {
    if (access.error instanceof ApiError && access.error.status === 401) return <JoinAgain join={join} />;
    return <LiveMessage tone="error">{errorText(access.error)}</LiveMessage>;
  }
  return <ParticipantBoard join={join} access={access.value} />;
}
