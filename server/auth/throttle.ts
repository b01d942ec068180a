import { isIPv6 } from 'node:net';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors';

/** `rate_limited`, with how long to wait: rendered as 429 and a `Retry-After` header (seconds). */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message);
  }
}

/** The key of a client address: IPv6 by its /64 (one household or phone), IPv4 as it is. */
export function addressKey(address: string | undefined): string {
  const ip = (address ?? 'unknown').replace(/^::ffff:(?=\d+\.)/i, '').replace(/%.*$/, '');
  if (!isIPv6(ip)) return ip;
  const [left, right] = ip.split('::');
  const head = left ? left.split(':') : [];
  const tail = right ? right.split(':') : [];
  const groups = right === undefined ? head : [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

const DAY_SECONDS = 24 * 3600;

/** Take one point; the result, or null when the budget is spent (the limiter's answer then). */
async function take(limiter: RateLimiterMemory, key: string): Promise<{ spent: boolean; res: RateLimiterRes }> {
  try {
    return { spent: false, res: await limiter.consume(key) };
  } catch (rejected) {
    if (rejected instanceof RateLimiterRes) return { spent: true, res: rejected };
    throw rejected;
  }
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Login limits: failures per account and per address in a window, with lockouts that grow. */
export interface LoginThrottle {
  /** Count an attempt before the password is checked (so parallel guesses count too); throws `RateLimitedError`. */
  begin(account: string, address: string): Promise<void>;
  /** A correct password: the account's counter starts again, and the attempt is given back to the address. */
  succeeded(account: string, address: string): Promise<void>;
}

/**
 * Sign-in budgets. Every attempt takes a point from the account and from the address before
 * the password is checked; a success gives them back. When a budget is spent, the key is locked
 * for the window, and each further lockout of the same key within a day doubles (up to a day),
 * so a slow guesser gets slower while someone who mistyped five times waits one window.
 */
export function createLoginThrottle(options: { perAccount: number; perAddress: number; windowMinutes: number }): LoginThrottle {
  const windowSeconds = Math.ceil(options.windowMinutes * 60);
  const byAccount = new RateLimiterMemory({ keyPrefix: 'login-account', points: options.perAccount, duration: windowSeconds });
  const byAddress = new RateLimiterMemory({ keyPrefix: 'login-address', points: options.perAddress, duration: windowSeconds });
  const lockouts = new RateLimiterMemory({ keyPrefix: 'login-lockouts', points: Number.MAX_SAFE_INTEGER, duration: DAY_SECONDS });

  const spend = async (limiter: RateLimiterMemory, key: string, what: string) => {
    const { spent, res } = await take(limiter, key);
    if (!spent) return;
    let waitMs = res.msBeforeNext;
    // The first refusal of a window starts a lockout; later ones in it just report the wait.
    if (res.consumedPoints === limiter.points + 1) {
      const count = (await lockouts.consume(`${what}:${key}`)).consumedPoints;
      const lockSeconds = Math.min(windowSeconds * 2 ** (count - 1), DAY_SECONDS);
      await limiter.block(key, lockSeconds);
      waitMs = lockSeconds * 1000;
    }
    const wait = seconds(waitMs);
    throw new RateLimitedError(`too many failed sign-ins ${what === 'account' ? 'for this account' : 'from this address'}; try again in ${Math.ceil(wait / 60)} min`, wait);
  };

  return {
    async begin(account, address) {
      await spend(byAddress, addressKey(address), 'address');
      await spend(byAccount, account, 'account');
    },
    async succeeded(account, address) {
      await byAccount.delete(account);
      await byAddress.reward(addressKey(address));
    },
  };
}

/** Join-code limits: generous per address, strict for the whole installation, never against a code that works. */
export interface JoinThrottle {
  /**
   * Count a join attempt before the code is looked up. Throws `RateLimitedError` only when the
   * address (or the installation) has spent its wrong-code budget and this code has not let
   * anyone in from this address lately.
   */
  begin(address: string, joinCode: string): Promise<void>;
  /** The code was right: the attempt is given back, and the code stays open to this address. */
  admitted(address: string, joinCode: string): Promise<void>;
  /** The code was wrong: wait a little longer the more this address got wrong (a sequential guesser slows down). */
  wrong(address: string): Promise<void>;
}

const MAX_ADDRESSES = 10_000;
/** Wrong codes from one address before answers slow down (the old hard limit). */
const FREE_WRONG = 30;
const STEP_MS = 20;
const MAX_DELAY_MS = 2000;

/**
 * Join-code guessing. A venue puts hundreds of phones behind one address, and some of them
 * mistype: wrong codes are budgeted generously per address and strictly for the installation (a
 * guesser spread over many addresses), and once a code has let someone in from an address, a
 * spent budget never refuses that code there — so the right code of the venue keeps working
 * while a guesser who spent the budget cannot try new codes.
 */
export function createJoinThrottle(options: { perAddress: number; global: number; windowMinutes: number }): JoinThrottle {
  const windowSeconds = Math.ceil(options.windowMinutes * 60);
  const byAddress = new RateLimiterMemory({ keyPrefix: 'join-address', points: options.perAddress, duration: windowSeconds });
  const everyone = new RateLimiterMemory({ keyPrefix: 'join-global', points: options.global, duration: windowSeconds });
  // address → code → until when (ms); insertion order lets the oldest address go first.
  const opened = new Map<string, Map<string, number>>();
  const keepMs = 6 * windowSeconds * 1000;

  const isOpenTo = (address: string, code: string) => (opened.get(address)?.get(code) ?? 0) > Date.now();

  return {
    async begin(address, joinCode) {
      const key = addressKey(address);
      const mine = await take(byAddress, key);
      const all = await take(everyone, 'all');
      if ((mine.spent || all.spent) && !isOpenTo(key, joinCode)) {
        const wait = seconds(Math.max(mine.spent ? mine.res.msBeforeNext : 0, all.spent ? all.res.msBeforeNext : 0));
        throw new RateLimitedError(`too many wrong join codes; check the code and try again in ${Math.ceil(wait / 60)} min`, wait);
      }
    },
    async admitted(address, joinCode) {
      const key = addressKey(address);
      await Promise.all([byAddress.reward(key), everyone.reward('all')]);
      const codes = opened.get(key) ?? new Map<string, number>();
      opened.delete(key);
      codes.set(joinCode, Date.now() + keepMs);
      opened.set(key, codes);
      if (opened.size > MAX_ADDRESSES) opened.delete(opened.keys().next().value!);
    },
    async wrong(address) {
      const res = await byAddress.get(addressKey(address));
      const over = (res?.consumedPoints ?? 0) - FREE_WRONG;
      if (over > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(over * STEP_MS, MAX_DELAY_MS)));
    },
  };
}
