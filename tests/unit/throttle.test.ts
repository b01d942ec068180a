import { afterEach, describe, expect, it, vi } from 'vitest';
import { addressKey, createJoinThrottle, createLoginThrottle, RateLimitedError } from '../../server/auth/throttle';

async function refusal(attempt: Promise<void>): Promise<RateLimitedError | null> {
  try {
    await attempt;
    return null;
  } catch (error) {
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
}

describe('client address keys', () => {
  it('keys IPv4 as it is and IPv6 by its /64, so one phone cannot rotate through its own prefix', () => {
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:ffff::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey(undefined)).toBe('unknown');
  });
});

describe('sign-in lockouts', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('doubles the lockout each time the same account is locked again within a day', async () => {
    vi.useFakeTimers();
    const throttle = createLoginThrottle({ perAccount: 2, perAddress: 1000, windowMinutes: 1 });
    const lockout = async () => {
      await throttle.begin('a@example.jp', '192.0.2.1');
      await throttle.begin('a@example.jp', '192.0.2.1');
      return refusal(throttle.begin('a@example.jp', '192.0.2.1'));
    };
    expect((await lockout())?.retryAfterSeconds).toBe(60);
    vi.advanceTimersByTime(61_000);
    expect((await lockout())?.retryAfterSeconds).toBe(120);
    vi.advanceTimersByTime(121_000);
    expect((await lockout())?.retryAfterSeconds).toBe(240);
    // Another account from the same address is not locked.
    expect(await refusal(throttle.begin('b@example.jp', '192.0.2.1'))).toBeNull();
  });
});

describe('join-code budgets', () => {
  it('refuses an untried code once an address spent its budget, never one that let someone in there', async () => {
    const throttle = createJoinThrottle({ perAddress: 3, global: 1000, windowMinutes: 10 });
    await throttle.begin('192.0.2.1', '111111');
    await throttle.admitted('192.0.2.1', '111111');
    for (let i = 0; i < 3; i++) {
      await throttle.begin('192.0.2.1', '99999' + i);
      await throttle.wrong('192.0.2.1');
    }
    expect(await refusal(throttle.begin('192.0.2.1', '222222'))).toBeInstanceOf(RateLimitedError);
    expect(await refusal(throttle.begin('192.0.2.1', '111111'))).toBeNull();
    // Another address has its own budget.
    expect(await refusal(throttle.begin('192.0.2.2', '222222'))).toBeNull();
  });
});
