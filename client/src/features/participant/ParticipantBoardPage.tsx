import { useParams } from 'react-router';
import { fetchBoardAccess, knownBoardAccess, offlineBoardAccess } from './board-access';
import { JoinedGate } from './JoinedGate';
import { ParticipantBoard } from './ParticipantBoard';

/**
 * `/s/:sessionId`: the participant's board, for a phone that joined this session. Right after the
 * join (or the join page's token check) it draws from that answer and `GET /api/me` only refreshes.
 * Reloaded with no network (the service worker serves the page), it draws from what the device kept.
 */
export function ParticipantBoardPage() {
  const { sessionId = '' } = useParams();
  return (
    <JoinedGate
      sessionId={sessionId}
      load={(join) => fetchBoardAccess(join.token)}
      known={(join) => knownBoardAccess(join.token)}
      offline={(join) => offlineBoardAccess(join.token)}
    >
      {(join, access) => <ParticipantBoard join={join} access={access} />}
    </JoinedGate>
  );
}
