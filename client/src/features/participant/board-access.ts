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

/** Keep what an answer (the join's, or `GET /api/me`'s) says of the board for this token. */
export function rememberBoardAccess(token: string, { title, boards, room, tableMode, scribe }: BoardAccess): void {
  latest.set(token, { title, boards, room, tableMode, scribe });
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
    if (error instanceof ApiError && error.status === 401) latest.delete(token);
    throw error;
  }
}
