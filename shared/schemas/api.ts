import { z } from 'zod';
import { LIMITS } from '../limits';
import { organizationTypeIdSchema } from '../organization-types';
import type { Phase, TableMode } from '../board/templates';
import { ACTION_STATUSES } from './consensus';
import { spaceIdSchema } from './spaces';

const email = z.string().trim().toLowerCase().email().max(200);
const password = z.string().min(8).max(200);

/** `POST /api/auth/login`. */
export const loginSchema = z.object({ email, password: z.string().min(1).max(200) });
/** `POST /api/setup`: the first admin account, only while there is no account. */
export const setupSchema = z.object({
  email,
  password,
  displayName: z.string().trim().min(1).max(LIMITS.displayName),
});
/** `POST /api/users`: an admin adds a facilitator or another admin. */
export const createUserSchema = setupSchema.extend({
  role: z.enum(['admin', 'secretariat', 'facilitator']).default('facilitator'),
});
/** `POST /api/sessions`. */
export const createSessionSchema = z.object({
  title: z.string().trim().min(1).max(LIMITS.sessionTitle),
  template: z.string().min(1).max(80).default('community-lab'),
  theme: z.string().trim().max(200).optional(),
  /** Copy persona, journey and theme from this earlier session. */
  copyFrom: z.string().min(1).max(100).optional(),
  /** The space it belongs to; default: the caller's first (oldest) space. */
  spaceId: spaceIdSchema.optional(),
});
/** `POST /api/join`. */
export const joinSchema = z.object({
  joinCode: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, 'joinCode is six digits'),
  displayName: z.string().trim().max(LIMITS.displayName).default(''),
  /** An active stored type; the service checks it against the stored list (cached). */
  organizationType: organizationTypeIdSchema,
  /** The token this browser got when it joined before: a valid one of the same session returns that identity. */
  rejoinToken: z.string().min(1).max(200).optional(),
});

/**
 * A path parameter that names a row (session, participant, decision, action): bounded, and of a
 * charset that every id the server mints (UUIDs) fits and no path trick (`..`, `%2F`, `%00`) does.
 */
export const idParam = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'an id is letters, digits, - and _');
/** The CSV exports, `GET /api/sessions/:id/export/<kind>.csv`: a fixed list, never an object lookup. */
export const EXPORT_KINDS = ['cards', 'actions', 'survey', 'agreement'] as const;
/** One of `EXPORT_KINDS`. */
export type ExportKind = (typeof EXPORT_KINDS)[number];

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** `GET /api/archive` query. */
export const archiveQuerySchema = z.object({
  q: z.string().max(200).optional(),
  from: date.optional(),
  to: date.optional(),
  theme: z.string().max(200).optional(),
  facilitator: z.string().max(100).optional(),
  status: z.enum(['open', 'closed']).optional(),
  series: z.string().max(120).optional(),
  /** Only this space (default: every space the caller works in). */
  spaceId: spaceIdSchema.optional(),
});
/** `GET /api/actions` query: the follow-up register's filters. */
export const registerQuerySchema = z.object({
  status: z.enum(ACTION_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  organization: z.string().max(120).optional(),
  /** Only this space (default: every space the caller works in). */
  spaceId: spaceIdSchema.optional(),
});
/** `GET /api/audit` query. */
export const auditQuerySchema = z.object({ sessionId: z.string().max(100).optional() });
/** `POST /api/actions/:id/notes`. */
export const progressNoteSchema = z.object({ note: z.string().trim().min(1).max(2000) });
/** `PUT /api/sessions/:id/participants/:participantId/table`: the table's room, or null for none. */
export const seatSchema = z.object({ room: z.string().min(1).max(200).nullable() });

/** `PATCH /api/templates/:id`: its owner shares a saved template with every facilitator, or not. */
export const templatePatchSchema = z.object({ shared: z.boolean() });

export type LoginInput = z.infer<typeof loginSchema>;
export type SetupInput = z.infer<typeof setupSchema>;
export type CreateUserInput = z.infer<typeof createUserSchema>;
export type CreateSessionInput = z.infer<typeof createSessionSchema>;
export type JoinInput = z.infer<typeof joinSchema>;

/** A board of a session: the y-websocket room name and a display name. */
export interface BoardRef {
  room: string;
  name: string;
  /** `main`: the session's board (persona and journey are prepared here); `table`: a breakout. */
  kind: 'main' | 'table';
  theme: string;
}

/** What `POST /api/sessions` and `GET /api/sessions/:id` return. */
export interface SessionView {
  id: string;
  title: string;
  theme: string;
  template: string;
  status: 'open' | 'closed';
  joinCode: string;
  joinUrl: string;
  qrUrl: string;
  tableMode: TableMode;
  phases: Phase[];
  boards: BoardRef[];
  createdAt: string;
  createdBy: string;
  venue: string;
  /** YYYY-MM-DD. */
  heldOn: string;
  series: string;
  closedAt: string | null;
  /** How many identities may join; past it a join answers 409 `session_full`. */
  participantCap: number;
  /** The space the session belongs to. */
  spaceId: string;
}

/** `GET /api/join/:code`: the code's path parameter, six digits. */
export const joinCodeParams = z.object({ code: z.string().regex(/^[0-9]{6}$/, 'a join code is six digits') });

/**
 * What `GET /api/join/:code` tells anyone holding a code, before they give a name: only what the
 * join page shows (title, venue, date) and whether the session still takes joins.
 */
export interface JoinPreview {
  title: string;
  venue: string;
  /** YYYY-MM-DD, or null when not set. */
  heldOn: string | null;
  status: 'open' | 'closed';
}

/** What `POST /api/join` returns. */
export interface JoinResult {
  sessionId: string;
  participantId: string;
  token: string;
  displayName: string;
  organizationType: string;
  title: string;
  boards: BoardRef[];
  /** The participant's table: assigned at join when the session assigns, else null. */
  room: string | null;
  tableMode: TableMode;
  /**
   * False: a newcomer is no scribe (the facilitator appoints one later). Here so the answer holds
   * all that the phone's board draws first, as `GET /api/me` does, and the board needs no second
   * request.
   */
  scribe: boolean;
}

/** What `GET /api/me` tells a token holder about their place in the session. */
export interface AccessView {
  sessionId: string;
  title: string;
  theme: string;
  status: 'open' | 'closed';
  role: 'participant' | 'facilitator' | 'observer';
  participantId: string | null;
  displayName: string;
  organizationType: string | null;
  joinCode: string;
  joinUrl: string;
  tableMode: TableMode;
  boards: BoardRef[];
  /** The participant's table (null: none yet, or the session has no tables). */
  room: string | null;
  scribe: boolean;
}

/** The signed-in account, as `GET /api/auth/me` returns it. */
export interface AccountView {
  id: string;
  email: string;
  displayName: string;
  role: 'admin' | 'secretariat' | 'facilitator';
}
