import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../../../shared/schemas/api';
import { useControl } from '../../../realtime/control';
import { ConsensusPanel } from '../../consensus/ConsensusPanel';
import { JoinPanel } from '../JoinPanel';
import { BoardPane } from './BoardPane';
import { CloseSessionPanel } from './CloseSessionPanel';
import { ControlBar } from './ControlBar';
import { ParticipantsPanel } from './ParticipantsPanel';
import { ProjectorLink } from './ProjectorLink';
import { ProxyPanel } from './ProxyPanel';
import { TablesOverview } from './TablesOverview';
import { useSessionOrganizationTypes } from '../../../app/organization-types';

/**
 * Running the workshop: the control bar, the board the facilitator looks at (with moderation) as
 * the main area, and beside it every table at a glance, votes and the outcome, the participants,
 * proxy cards, the projector's links and how to join.
 */
export function RunPage({ session, token }: { session: SessionView; token: string }) {
  const { t } = useTranslation();
  const control = useControl(token);
  useSessionOrganizationTypes(token);
  const state = control.session;
  const boards = state?.boards ?? session.boards;
  const [room, setRoom] = useState(() => (session.boards.find((b) => b.kind === 'main') ?? session.boards[0])?.room ?? '');
  const [focusStageId, setFocusStageId] = useState<string | null>(null);
  const shown = useRef({ room, focusStageId });

  // While "follow me" is on, everyone goes where the facilitator looks.
  useEffect(() => {
    if (shown.current.room === room && shown.current.focusStageId === focusStageId) return;
    shown.current = { room, focusStageId };
    if (state?.follow) void control.channel?.send('follow:set', { room, stageId: focusStageId });
  }, [room, focusStageId, state?.follow, control.channel]);

  const openBoard = (next: string) => {
    setRoom(next);
    setFocusStageId(null);
    document.getElementById('board-heading')?.scrollIntoView({ block: 'start' });
  };

  return (
    <div className="run stack">
      {state ? (
        <ControlBar session={state} channel={control.channel} clockOffset={control.clockOffset} viewRoom={room} focusStageId={focusStageId} />
      ) : (
        <p>{t('common.loading')}</p>
      )}
      <div className="run-grid">
        <div className="run-main stack">
          <BoardPane
            token={token}
            session={state}
            channel={control.channel}
            store={control.consensus}
            controlStatus={control.status}
            roster={control.roster}
            boards={boards}
            room={room}
            onRoomChange={openBoard}
            focusStageId={focusStageId}
            onFocusStage={setFocusStageId}
          />
        </div>
        <div className="run-side stack">
          <TablesOverview token={token} boards={boards} roster={control.roster} onOpen={openBoard} />
          <ConsensusPanel
            sessionId={session.id}
            token={token}
            channel={control.channel}
            store={control.consensus}
            room={room}
            boardName={boards.find((b) => b.room === room)?.name ?? ''}
            boards={boards}
          />
          <ProjectorLink sessionId={session.id} />
          <ParticipantsPanel sessionId={session.id} channel={control.channel} roster={control.roster} tables={boards.filter((b) => b.kind === 'table')} />
          <ProxyPanel sessionId={session.id} spaceId={session.spaceId} token={token} channel={control.channel} boards={boards} />
          <JoinPanel session={session} />
          <CloseSessionPanel sessionId={session.id} session={state} />
        </div>
      </div>
    </div>
  );
}
