import type { JoinResult } from '../../../../shared/schemas/api';

/** A join kept on this phone, so a returning participant is recognised. */
export interface StoredJoin extends JoinResult {
  joinCode: string;
}

const KEY = 'yoriai.joins';

function readAll(): Record<string, StoredJoin> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, StoredJoin>) : {};
  } catch {
    return {};
  }
}

function writeAll(joins: Record<string, StoredJoin>): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(joins));
  } catch {
    // Storage may be full or refused (private mode): the person only has to join again next time.
  }
}

/** The join kept for a join code, if any. */
export function findJoinByCode(joinCode: string): StoredJoin | undefined {
  return readAll()[joinCode];
}

/** The join kept for a session, if any. */
export function findJoinBySession(sessionId: string): StoredJoin | undefined {
  return Object.values(readAll()).find((join) => join.sessionId === sessionId);
}

/** Keep a join under its code (a later join with the same code replaces it). */
export function saveJoin(joinCode: string, result: JoinResult): StoredJoin {
  const stored = { ...result, joinCode };
  writeAll({ ...readAll(), [joinCode]: stored });
  return stored;
}

/** Drop a join whose token the server no longer accepts. */
export function forgetJoin(joinCode: string): void {
  const joins = readAll();
  delete joins[joinCode];
  writeAll(joins);
}
