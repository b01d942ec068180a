import type { TokenRole } from '../../shared/protocol';

/** Account roles: an admin does everything; the secretariat (事務局) everything but managing accounts. */
export type AccountRole = 'admin' | 'secretariat' | 'facilitator';

/** What an account is in one space (initiative): its secretariat, or a facilitator there. */
export type SpaceRole = 'secretariat' | 'facilitator';

/** Someone signed in with an account (cookie). */
export interface UserActor {
  kind: 'user';
  userId: string;
  role: AccountRole;
  displayName: string;
  /** The spaces the account works in, by space id, with its role in each (admins need none). */
  spaces: ReadonlyMap<string, SpaceRole>;
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
  | 'spaces:create'
  | 'space:read'
  | 'space:manage'
  | 'sessions:create'
  | 'sessions:list'
  | 'sessions:read-all'
  | 'session:manage'
  | 'board:read'
  | 'board:write-direct'
  | 'card:write-own'
  | 'card:moderate';

/** The space an action is about. */
export interface SpaceTarget {
  spaceId: string;
}

/** The session an action is about, with its space and the account that created it. */
export interface SessionTarget extends SpaceTarget {
  sessionId: string;
  createdBy: string;
}

/** An account's role in a space: admins act as its secretariat; undefined when not a member. */
export function spaceRoleOf(actor: UserActor, spaceId: string): SpaceRole | undefined {
  return actor.role === 'admin' ? 'secretariat' : actor.spaces.get(spaceId);
}

/**
 * The one place that says who may do what (pure: no I/O). Admins may do everything. Within a
 * space, its secretariat does everything but managing accounts and spaces, a facilitator
 * creates sessions and manages the ones they created; a space's things are nobody else's
 * (targets without a space are installation-wide: only admins act on those). Tokens act only
 * within their own session.
 */
export function can(actor: Actor, action: Action, target?: SpaceTarget | SessionTarget): boolean {
  if (actor.kind === 'user') return userCan(actor, action, target);
  if (!target || !('sessionId' in target) || target.sessionId !== actor.sessionId) return false;
  switch (action) {
    case 'board:read':
      return true;
    case 'card:write-own':
      return actor.role === 'participant' || actor.role === 'facilitator';
    case 'board:write-direct':
    case 'card:moderate':
      return actor.role === 'facilitator';
    case 'users:manage':
    case 'spaces:create':
    case 'space:read':
    case 'space:manage':
    case 'sessions:create':
    case 'sessions:list':
    case 'sessions:read-all':
    case 'session:manage':
      return false;
  }
}

/** An account's side of `can`. */
function userCan(actor: UserActor, action: Action, target?: SpaceTarget | SessionTarget): boolean {
  if (actor.role === 'admin') return true;
  const role = target ? actor.spaces.get(target.spaceId) : undefined;
  switch (action) {
    case 'users:manage':
    case 'spaces:create':
      return false;
    case 'sessions:list':
      return true;
    case 'space:read':
    case 'sessions:create':
      return role !== undefined;
    case 'space:manage':
    case 'sessions:read-all':
      return role === 'secretariat';
    case 'session:manage':
    case 'board:read':
    case 'board:write-direct':
    case 'card:write-own':
    case 'card:moderate':
      if (role === 'secretariat') return true;
      return role === 'facilitator' && target !== undefined && 'createdBy' in target && target.createdBy === actor.userId;
  }
}
