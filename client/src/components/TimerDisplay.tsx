import { useTranslation } from 'react-i18next';
import type { TimerState } from '../../../shared/protocol';
import { formatClock, useRemaining } from '../realtime/clock';

interface TimerDisplayProps {
  timer: TimerState;
  /** The server's clock minus this device's. */
  clockOffset: number;
  className?: string;
}

/**
 * The session timer as "12:05", ticking while it runs; past zero it counts on as "+1:05" with
 * the state 超過 (over time). Screen readers get it as a timer (not announced every second) with
 * whether it runs.
 */
export function TimerDisplay({ timer, clockOffset, className = '' }: TimerDisplayProps) {
  const { t } = useTranslation();
  const left = useRemaining(timer, clockOffset);
  const over = timer.durationMs > 0 && (left < 0 || (left === 0 && timer.running));
  const state = over ? t('timer.over') : timer.running ? t('timer.running') : t('timer.paused');
  return (
    <p className={`timer ${timer.running ? 'is-running' : 'is-paused'} ${over ? 'is-over' : ''} ${className}`}>
      <span className="visually-hidden">{t('timer.label')}: </span>
      <span role="timer" className="timer-digits">
        {formatClock(left)}
      </span>
      <span className="timer-state">{state}</span>
    </p>
  );
}
