import { z } from 'zod';
import { CARD_KINDS } from './cards';
import { organizationTypeIdSchema } from '../organization-types';
import { LIMITS } from '../limits';

const room = z.string().min(1).max(200);
const id = z.string().min(1).max(100);

/** A phase as a facilitator edits it. */
export const phaseSchema = z.object({
  key: z.string().trim().min(1).max(40).regex(/^[a-z0-9-]+$/),
  title: z.string().trim().max(80).default(''),
  durationSec: z.number().int().min(0).max(6 * 3600),
  allowedKinds: z.array(z.enum(CARD_KINDS)).max(CARD_KINDS.length),
});
/** `PUT /api/sessions/:id/phases`. */
export const phasesSchema = z.array(phaseSchema).min(1).max(30);

/** `PUT /api/sessions/:id/tables`. */
export const tablesSchema = z.object({
  mode: z.enum(['none', 'choose', 'assign']),
  tables: z
    .array(z.object({ name: z.string().trim().min(1).max(60), theme: z.string().trim().max(200).default('') }))
    .max(30),
});

/** `PATCH /api/sessions/:id`. */
export const sessionPatchSchema = z.object({
  title: z.string().trim().min(1).max(LIMITS.sessionTitle).optional(),
  theme: z.string().trim().max(200).optional(),
  venue: z.string().trim().max(200).optional(),
  /** The day it is held, YYYY-MM-DD (null: the day it was created). */
  heldOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .optional(),
  /** The working group (作業部会) it belongs to, linking its sessions for "since last time". */
  series: z.string().trim().max(120).optional(),
  /** How many identities may join (default 300). Lowering it below those already in removes nobody. */
  participantCap: z.number().int().min(1).max(5000).optional(),
});

/** `POST /api/sessions/:id/participants`: someone without a phone, entered by the facilitator. */
export const proxyParticipantSchema = z.object({
  displayName: z.string().trim().max(LIMITS.displayName).default(''),
  /** An active stored type; the service checks it against the stored list (cached). */
  organizationType: organizationTypeIdSchema,
  room: room.optional(),
});

/** `POST /api/templates`: save a session's programme, journey, persona and tables. */
export const saveTemplateSchema = z.object({
  name: z.string().trim().min(1).max(80),
  fromSessionId: z.string().min(1).max(100),
});

/** socket.io control requests (facilitator unless noted). */
export const phaseSetSchema = z.object({ index: z.number().int().min(0).max(29) });
export const timerAddSchema = z.object({ seconds: z.number().int().min(-3600).max(3600) });
export const lockSchema = z.object({ locked: z.boolean() });
export const followSchema = z.object({ room: room.nullable(), stageId: id.nullable().default(null) });
export const spotlightSchema = z.object({ room: room.nullable(), cardId: id.nullable() });
export const shareSchema = z.object({ active: z.boolean(), index: z.number().int().min(0).max(29).default(0) });
export const scribeSchema = z.object({ participantId: id, scribe: z.boolean() });
/** Participant: choose a table when the session lets them. */
export const tableChooseSchema = z.object({ room });
/** What the projector shows; `auto` follows the phase, votes and share mode. */
export const PROJECTOR_VIEWS = ['auto', 'board', 'table', 'spotlight', 'results', 'decisions', 'closing'] as const;
/** Whether the projector shows the join QR: `auto` until the first phase in which cards are written. */
export const PROJECTOR_QR = ['auto', 'shown', 'hidden'] as const;
/** `projector:set`: the facilitator picks the projector's view and QR panel (fields left out stay as they are). */
export const projectorSetSchema = z.object({ view: z.enum(PROJECTOR_VIEWS).optional(), qr: z.enum(PROJECTOR_QR).optional() });
/** `timer:options`: a chime on the projector at 0:00; start the timer when the phase changes. */
export const timerOptionsSchema = z.object({ chime: z.boolean().optional(), startWithPhase: z.boolean().optional() });
export const emptySchema = z.union([z.object({}).strict(), z.undefined(), z.null()]);

/** Role an access token carries on the realtime channels. */
export const tokenRoleSchema = z.enum(['participant', 'facilitator', 'observer']);

/** Presence of one person in a session, as the server counts it. */
export const rosterEntrySchema = z.object({
  participantId: z.string().nullable(),
  displayName: z.string(),
  organizationType: z.string().nullable(),
  role: tokenRoleSchema,
  connections: z.number().int(),
  /** The table (board room) the participant sits at, if any. */
  room: z.string().nullable(),
  scribe: z.boolean(),
});
/** `roster:state`: who is connected now, one entry per person however many sockets they hold. */
export const rosterStateSchema = z.object({ sessionId: z.string(), people: z.array(rosterEntrySchema) });

/** The session timer. While running, the time left is `endsAt - serverNow` on the server's clock. */
export const timerStateSchema = z.object({
  running: z.boolean(),
  /** Epoch ms when it reaches zero (running only). */
  endsAt: z.number().nullable(),
  /** Ms left when paused; below zero when paused in overtime. */
  remainingMs: z.number(),
  /** The phase's planned length in ms. */
  durationMs: z.number(),
});

/** A board of the session, as the control state lists it. */
export const boardInfoSchema = z.object({ room: z.string(), name: z.string(), kind: z.enum(['main', 'table']), theme: z.string() });

/**
 * `session:state`: everything the server decides about a running session, broadcast to every
 * socket of the session on connect and after each change.
 */
export const controlStateSchema = z.object({
  sessionId: z.string(),
  title: z.string(),
  theme: z.string(),
  status: z.enum(['open', 'closed']),
  phases: z.array(z.object({ key: z.string(), title: z.string(), durationSec: z.number(), allowedKinds: z.array(z.enum(CARD_KINDS)) })),
  phaseIndex: z.number().int(),
  timer: timerStateSchema,
  locked: z.boolean(),
  follow: z.object({ room: z.string(), stageId: z.string().nullable() }).nullable(),
  spotlight: z.object({ room: z.string(), cardId: z.string() }).nullable(),
  share: z.object({ active: z.boolean(), index: z.number().int() }),
  tableMode: z.enum(['none', 'choose', 'assign']),
  boards: z.array(boardInfoSchema),
  /** What the projector shows, as the facilitator set it. */
  projector: z.object({ view: z.enum(PROJECTOR_VIEWS), qr: z.enum(PROJECTOR_QR) }),
  /** `chime`: the projector sounds at 0:00; `startWithPhase`: a new phase starts its timer. */
  timerOptions: z.object({ chime: z.boolean(), startWithPhase: z.boolean() }),
  /** The server's clock when this state was sent, so clients can correct their own. */
  serverNow: z.number(),
});

/** `session:revoked`: sent to a removed participant's sockets just before they are cut. */
export const revokedSchema = z.object({ reason: z.string() });
