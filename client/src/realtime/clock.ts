import { useEffect, useState } from 'react';
import type { ControlState, TimerState } from '../../../shared/protocol';

/** Ms this device's clock is behind the server's, as measured when a state arrived. */
export function clockOffsetOf(state: Pick<ControlState, 'serverNow'>, receivedAt = Date.now()): number {
  return state.serverNow - receivedAt;
}

/** Ms left on the timer at `now` (the server's clock), never below zero. */
export function remainingMs(timer: TimerState, serverNow: number): number {
  if (!timer.running || timer.endsAt === null) return Math.max(0, timer.remainingMs);
  return Math.max(0, timer.endsAt - serverNow);
}

/** Ms left on the timer at `now`; below zero once it has run past 0:00 (overtime). */
export function signedRemainingMs(timer: TimerState, serverNow: number): number {
  return !timer.running || timer.endsAt === null ? timer.remainingMs : timer.endsAt - serverNow;
}

/**
 * The time left on the session timer (below zero in overtime), updated every second while it runs. `offset` is the
 * server clock minus this device's, so every screen shows the same second.
 */
export function useRemaining(timer: TimerState | undefined, offset: number): number {
  const [now, setNow] = useState(() => Date.now());
  const running = timer?.running ?? false;
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    // Four checks a second, so the digits change within a quarter second of every other screen's.
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [running, timer?.endsAt]);
  return timer ? signedRemainingMs(timer, now + offset) : 0;
}

/** "12:05" for ms left (rounded up, so 0:00 shows only when time is up); "+1:05" for ms over (below zero). */
export function formatClock(ms: number): string {
  // Overtime counts whole seconds past zero, so "+0:01" shows one second after 0:00.
  const total = ms < 0 ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const sign = ms < 0 ? '+' : '';
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${sign}${minutes}:${String(seconds).padStart(2, '0')}`;
}
