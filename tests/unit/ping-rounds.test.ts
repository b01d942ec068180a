import { describe, expect, it } from 'vitest';
import { PingRounds } from '../../server/realtime/yjs/ping-rounds';

describe('ping rounds', () => {
  it('pings every socket once a round, spread evenly over the ticks, and never one that left', () => {
    const rounds = new PingRounds<number>(30);
    for (let n = 0; n < 1800; n++) rounds.add(n);
    rounds.add(7);
    for (let n = 0; n < 600; n++) rounds.delete(n);
    const ticks = Array.from({ length: 30 }, () => rounds.tick());
    const pinged = ticks.flat();
    expect(pinged).toHaveLength(1200);
    expect(new Set(pinged).size).toBe(1200);
    expect(pinged.some((n) => n < 600)).toBe(false);
    // 60 a tick before the deletions; the first 600 left 20 of each slice, so 40 remain in every one.
    expect(ticks.map((t) => t.length)).toEqual(Array(30).fill(40));
    // The next round starts again with the first slice.
    expect(rounds.tick()).toEqual(ticks[0]);
  });

  it('puts a newcomer into the emptiest slice', () => {
    const rounds = new PingRounds<string>(3);
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) rounds.add(id);
    rounds.delete('b');
    rounds.add('g');
    expect([rounds.tick(), rounds.tick(), rounds.tick()]).toEqual([['a', 'd'], ['e', 'g'], ['c', 'f']]);
  });
});
