import { useTranslation } from 'react-i18next';
import type { ControlState } from '../../../../../shared/protocol';
import { LiveMessage } from '../../../components/LiveMessage';
import { TimerDisplay } from '../../../components/TimerDisplay';
import type { ControlChannel } from '../../../realtime/control';
import { useRequest } from './use-request';

/** The session timer, big, with start / pause, +1 minute and reset; the server keeps the time. */
export function TimerControls({ session, channel, clockOffset }: { session: ControlState; channel: ControlChannel | null; clockOffset: number }) {
  const { t } = useTranslation();
  const request = useRequest(channel);
  const { running } = session.timer;
  return (
    <div className="timer-controls" role="group" aria-label={t('timer.label')}>
      <TimerDisplay timer={session.timer} clockOffset={clockOffset} className="timer-big" />
      <div className="button-row">
        <button type="button" className={running ? '' : 'button-primary'} disabled={request.busy} onClick={() => void request.send(running ? 'timer:pause' : 'timer:start', {})}>
          {running ? t('timer.pause') : t('timer.start')}
        </button>
        <button type="button" className="button-quiet" disabled={request.busy} onClick={() => void request.send('timer:add', { seconds: 60 })}>
          {t('timer.addMinute')}
        </button>
        <button type="button" className="button-quiet" disabled={request.busy} onClick={() => void request.send('timer:reset', {})}>
          {t('timer.reset')}
        </button>
      </div>
      <LiveMessage tone="error">{request.error}</LiveMessage>
    </div>
  );
}

/** The timer's options, as toggles that show their state: a chime on the projector at 0:00, and starting with the phase. */
export function TimerOptions({ session, channel }: { session: ControlState; channel: ControlChannel | null }) {
  const { t } = useTranslation();
  const request = useRequest(channel);
  const { chime, startWithPhase } = session.timerOptions;
  return (
    <div className="button-row" role="group" aria-label={t('timer.label')}>
      <button type="button" className="toggle" aria-pressed={chime} disabled={request.busy} onClick={() => void request.send('timer:options', { chime: !chime })}>
        <span aria-hidden="true">{chime ? '🔔 ' : '🔕 '}</span>
        {t('timer.chime')}
      </button>
      <button type="button" className="toggle" aria-pressed={startWithPhase} disabled={request.busy} onClick={() => void request.send('timer:options', { startWithPhase: !startWithPhase })}>
        {t('timer.startWithPhase')}
      </button>
      <LiveMessage tone="error">{request.error}</LiveMessage>
    </div>
  );
}
