import { describe, expect, it } from 'vitest';
import { formatClock, signedRemainingMs } from '../../client/src/realtime/clock';
import { applyControlChange, type StoredControl } from '../../server/services/control.service';
import { sessionControl } from '../../server/services/stored-json';

const phases = [{ durationSec: 2 }, { durationSec: 60 }, { durationSec: 0 }];
const silent = { warn() {} } as never;
const initial = (): StoredControl => sessionControl.decode(silent, 's', null);

describe('the session timer past zero and with the phase', () => {
  it('keeps counting past zero, and a pause in overtime keeps the time over', () => {
    const started = applyControlChange(initial(), { type: 'timer-start' }, phases, 0);
    expect(signedRemainingMs(started.timer!, 5_000)).toBe(-3_000);
    const paused = applyControlChange(started, { type: 'timer-pause' }, phases, 5_000);
    expect(paused.timer).toMatchObject({ running: false, remainingMs: -3_000 });
    const again = applyControlChange(paused, { type: 'timer-start' }, phases, 10_000);
    expect(signedRemainingMs(again.timer!, 11_000)).toBe(-4_000);
  });

  it('shows overtime as +m:ss counting whole seconds past zero', () => {
    expect(formatClock(-500)).toBe('+0:00');
    expect(formatClock(-1_000)).toBe('+0:01');
    expect(formatClock(-65_000)).toBe('+1:05');
    expect(formatClock(500)).toBe('0:01');
  });

  it('starts the new phase’s timer when start-with-phase is on, and not for a phase without a length', () => {
    const off = applyControlChange(initial(), { type: 'phase', index: 1 }, phases, 1_000);
    expect(off.timer).toMatchObject({ running: false, remainingMs: 60_000 });
    const on = applyControlChange(initial(), { type: 'timer-options', startWithPhase: true }, phases, 0);
    expect(on.timerOptions).toEqual({ chime: false, startWithPhase: true });
    expect(applyControlChange(on, { type: 'phase', index: 1 }, phases, 1_000).timer).toMatchObject({ running: true, endsAt: 61_000 });
    expect(applyControlChange(on, { type: 'phase', index: 2 }, phases, 1_000).timer).toMatchObject({ running: false });
  });

  it('reads a control state stored before the projector and timer options as their defaults', () => {
    const old = sessionControl.decode(silent, 's', JSON.stringify({ phaseIndex: 1, locked: true }));
    expect(old).toMatchObject({ phaseIndex: 1, locked: true, projector: { view: 'auto', qr: 'auto' }, timerOptions: { chime: false, startWithPhase: false } });
  });
});
