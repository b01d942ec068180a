import { useParams } from 'react-router';
import { api } from '../../api/endpoints';
import { JoinedGate } from './JoinedGate';
import { ParticipantBoard } from './ParticipantBoard';

/** `/s/:sessionId`: the participant's board, for a phone that joined this session. */
export function ParticipantBoardPage() {
  const { sessionId = '' } = useParams();
  return (
    <JoinedGate sessionId={sessionId} load={(join) => api.access(join.token)}>
      {(join, access) => <ParticipantBoard join={join} access={access} />}
    </JoinedGate>
  );
}
