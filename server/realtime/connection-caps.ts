import { hashToken } from '../auth/tokens';

/** Connections one token may hold open at once on each channel. */
export const CONNECTIONS_PER_TOKEN = {
  /** socket.io: a phone or a facilitator's tab needs one; a few tabs of the same link fit. */
  control: 8,
  /**
   * y-websocket: a facilitator's run page opens every table's board (up to 30) with one
   * token, beside the main board and the panes around it.
   */
  board: 64,
} as const;

/**
 * Counts the live connections of each token on one channel (in this process), so one token
 * cannot open hundreds of sockets. Keyed by the token's hash, so no token is kept in memory.
 */
export interface ConnectionCounter {
  /** Count one more connection of `token`; null when it already holds the maximum. The release is idempotent. */
  acquire(token: string): (() => void) | null;
}

export function createConnectionCounter(max: number): ConnectionCounter {
  const open = new Map<string, number>();
  return {
    acquire(token) {
      const key = hashToken(token);
      const count = open.get(key) ?? 0;
      if (count >= max) return null;
      open.set(key, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (open.get(key) ?? 1) - 1;
        if (left <= 0) open.delete(key);
        else open.set(key, left);
      };
    },
  };
}
