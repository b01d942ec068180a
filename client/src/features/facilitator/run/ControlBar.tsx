import { useTranslation } from 'react-i18next';
import type { ControlState } from '../../../../../shared/protocol';
import { LiveMessage } from '../../../components/LiveMessage';
import type { ControlChannel } from '../../../realtime/control';
import { PhaseControl } from '../PhaseControl';
import { ProjectorLink } from './ProjectorLink';
import { TimerControls } from './TimerControls';
import { useRequest } from './use-request';

interface ControlBarProps {
  sessionId: string;
  session: ControlState;
  channel: ControlChannel | null;
  clockOffset: number;
  /** The board and stage the facilitator is looking at, which "follow me" brings everyone to. */
  viewRoom: string;
  focusStageId: string | null;
}

/** Always in view while running: phase, timer, lock, follow me, share mode, the projector. */
export function ControlBar({ sessionId, session, channel, clockOffset, viewRoom, focusStageId }: ControlBarProps) {
  const { t } = useTranslation();
  const request = useRequest(channel);
  const tables = session.boards.filter((b) => b.kind === 'table');
  const shareIndex = Math.min(session.share.index, Math.max(0, tables.length - 1));
  const following = session.follow !== null;

  return (
    <section className="control-bar" aria-label={t('run.controls')}>
      <PhaseControl session={session} channel={channel} />
      <TimerControls session={session} channel={channel} clockOffset={clockOffset} />
      <div className="control-toggles button-row">
        <button type="button" aria-pressed={session.locked} className={session.locked ? 'button-danger' : ''} disabled={request.busy} onClick={() => void request.send('board:lock', { locked: !session.locked })}>
          <span aria-hidden="true">{session.locked ? '🔒 ' : '🔓 '}</span>
          {t('run.lock')}
        </button>
        <button
          type="button"
          aria-pressed={following}
          className={following ? 'button-primary' : ''}
          disabled={request.busy}
          onClick={() => void request.send('follow:set', following ? { room: null } : { room: viewRoom, stageId: focusStageId })}
        >
          {t('run.follow')}
        </button>
      </div>
      {tables.length > 0 && (
        <div className="share-controls button-row" role="group" aria-label={t('run.share')}>
          <button type="button" aria-pressed={session.share.active} className={session.share.active ? 'button-primary' : ''} onClick={() => void request.send('share:set', { active: !session.share.active, index: shareIndex })}>
            {t('run.share')}
          </button>
          <button type="button" className="button-quiet" disabled={!session.share.active || shareIndex <= 0} onClick={() => void request.send('share:set', { active: true, index: shareIndex - 1 })}>
            {t('run.sharePrev')}
          </button>
          <button type="button" className="button-quiet" disabled={!session.share.active || shareIndex >= tables.length - 1} onClick={() => void request.send('share:set', { active: true, index: shareIndex + 1 })}>
            {t('run.shareNext')}
          </button>
          {session.share.active && <p className="share-now">{t('run.shareShowing', { index: shareIndex + 1, count: tables.length, name: tables[shareIndex]?.name ?? '' })}</p>}
        </div>
      )}
      <ProjectorLink sessionId={sessionId} />
      <LiveMessage tone="error">{request.error}</LiveMessage>
    </section>
  );
}
