import type { AccessView } from '../../../../shared/schemas/api';
import { api } from '../../api/endpoints';
import { ApiError } from '../../api/http';

/**
 * What the participant's board draws before its sockets answer. `POST /api/join` and
 * `GET /api/me` both carry it, so a phone that has just joined draws the board from the join's
 * answer instead of waiting one more round trip.
 */
export type BoardAccess = Pick<AccessView, 'title' | 'boards' | 'room' | 'tableMode' | 'scribe'>;

// The latest answer per token in this page's life. A reload starts empty and waits for
// `GET /api/me`, which alone can say that the token was withdrawn meanwhile.
const latest = new Map<string, BoardAccess>();

// The last answer is also kept on the device, for a reload with no network only: the board then
// opens from what the phone holds. With a network, a reload still waits for `GET /api/me`.
const OFFLINE_KEY = 'yoriai.boardAccess';

function readOffline(): Record<string, BoardAccess> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(OFFLINE_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, BoardAccess>) : {};
  } catch {
    return {};
  }
}

function writeOffline(all: Record<string, BoardAccess>): void {
  try {
    localStorage.setItem(OFFLINE_KEY, JSON.stringify(all));
  } catch {
    // Storage refused: an offline reload shows the network error instead of the board.
  }
}

/** Keep what an answer (the join's, or `GET /api/me`'s) says of the board for this token. */
export function rememberBoardAccess(token: string, { title, boards, room, tableMode, scribe }: BoardAccess): void {
  const access = { title, boards, room, tableMode, scribe };
  latest.set(token, access);
  writeOffline({ ...readOffline(), [token]: access });
}

/** What the device kept for this token, for a page that loads with no network. */
export function offlineBoardAccess(token: string): BoardAccess | undefined {
  const kept = readOffline()[token];
  return kept && Array.isArray(kept.boards) && typeof kept.title === 'string' ? kept : undefined;
}

function forgetOffline(token: string): void {
  const all = readOffline();
  delete all[token];
  writeOffline(all);
}

/** What this page last heard for this token, if anything. */
export function knownBoardAccess(token: string): BoardAccess | undefined {
  return latest.get(token);
}

/** `GET /api/me`, remembered for the next board opened with this token (forgotten on a 401). */
export async function fetchBoardAccess(token: string): Promise<AccessView> {
  try {
    const access = await api.access(token);
    rememberBoardAccess(token, access);
    return access;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      latest.delete(token);
      forgetOffline(token);
    }
    throw error;
  }
}
