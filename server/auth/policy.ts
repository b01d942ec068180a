import type { TokenRole } from '../../shared/protocol';

/** Account roles: an admin does everything; the secretariat (事務局) everything but managing accounts. */
export type AccountRole = 'admin' | 'secretariat' | 'facilitator';

/** Someone signed in with an account (cookie). */
export interface UserActor {
  kind: 'user';
  userId: string;
  role: AccountRole;
  displayName: string;
  /** Hash of the login (cookie) the request came with; tokens issued under it end with it. */
  loginHash?: string;
}

/** Someone holding a session access token (realtime channels, participant REST calls). */
export interface TokenActor {
  kind: 'token';
  sessionId: string;
  role: TokenRole;
  participantId: string | null;
  userId: string | null;
  displayName: string;
  organizationType: string | null;
}

export type Actor = UserActor | TokenActor;

/** What an actor may be asked to do. */
export type Action =
  | 'users:manage'
  | 'sessions:create'
  | 'sessions:list'
  | 'sessions:read-all'
  | 'session:manage'
  | 'board:read'
  | 'board:write-direct'
  | 'card:write-own'
  | 'card:moderate';

/** The session an action is about, with the account that created it. */
export interface SessionTarget {
  sessionId: string;
  createdBy: string;
}

/**
 * The one place that says who may do what (pure: no I/O). Admins may do everything, the
 * secretariat everything but managing accounts; a facilitator manages the sessions they
 * created; tokens act only within their own session.
 */
export function can(actor: Actor, action: Action, target?: SessionTarget): boolean {
  if (actor.kind === 'user') {
    if (actor.role === 'admin') return true;
    if (actor.role === 'secretariat') return action !== 'users:manage';
    switch (action) {
      case 'users:manage':
      case 'sessions:read-all':
        return false;
      case 'sessions:create':
      case 'sessions:list':
        return true;
      case 'session:manage':
      case 'board:read':
      case 'board:write-direct':
      case 'card:write-own':
      case 'card:moderate':
        return target !== undefined && target.createdBy === actor.userId;
    }
  }
  if (!target || target.sessionId !== actor.sessionId) return false;
  switch (action) {
    case 'board:read':
      return true;
    case 'card:write-own':
      return actor.role === 'participant' || actor.role === 'facilitator';
    case 'board:write-direct':
    case 'card:moderate':
      return actor.role === 'facilitator';
    case 'users:manage':
    case 'sessions:create':
    case 'sessions:list':
    case 'sessions:read-all':
    case 'session:manage':
      return false;
  }
}
