/*
 * One codec per JSON column, and one rule for a stored value that does not parse or fit its
 * schema: it is logged (table, column, row id) and read as the column's declared fallback,
 * never thrown into a 500. Data written by an older version, a bug or a hand edit of the file
 * must not take a session, a report or an export down. Writes go through `encode`, typed by
 * the same schema, so what is written is what the reader expects.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Persona } from '../../shared/board/model';
import { BOARD_SCHEMA } from '../../shared/board/schema';
import { findBuiltInTemplate } from '../../shared/board/templates';
import { personaZod, stageZod } from '../../shared/board/schema.zod';
import { AGREEMENT_SCALE, ballotItemSchema } from '../../shared/schemas/consensus';
import { PROJECTOR_QR, PROJECTOR_VIEWS, phasesSchema } from '../../shared/schemas/control';
import { surveySchema } from '../../shared/survey';

/** A JSON column: its schema, the value a reader gets when the stored one does not fit, and both directions. */
export interface StoredJsonCodec<T> {
  readonly table: string;
  readonly column: string;
  /** The stored value, or (logged) the fallback when it does not parse or fit the schema. */
  decode(log: Logger, id: string, json: string | null | undefined): T;
  /** The value as it is stored. */
  encode(value: T): string;
}

/** Declare the codec of `table.column`. An empty or missing value reads as the fallback, silently (never written). */
export function storedJson<S extends z.ZodType>(table: string, column: string, schema: S, fallback: () => z.output<S>): StoredJsonCodec<z.output<S>> {
  return {
    table,
    column,
    decode(log, id, json) {
      if (json === null || json === undefined || json === '') return fallback();
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch {
        log.warn({ table, column, id, reason: 'not JSON' }, 'stored JSON column does not parse; read as its fallback');
        return fallback();
      }
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      const issues = parsed.error.issues.slice(0, 3).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      log.warn({ table, column, id, issues }, 'stored JSON column does not fit its schema; read as its fallback');
      return fallback();
    },
    encode: (value) => JSON.stringify(value),
  };
}

/**
 * Declare the codec of a column holding a list of entities. An entry that does not fit is
 * skipped (and logged with its index); the rest are read. A value that is not a list at all
 * reads as the empty list.
 */
export function storedList<S extends z.ZodType>(table: string, column: string, item: S): StoredJsonCodec<Array<z.output<S>>> {
  const whole = storedJson(table, column, z.array(z.unknown()), () => []);
  return {
    table,
    column,
    decode(log, id, json) {
      const entries: Array<z.output<S>> = [];
      const skipped: Array<{ index: number; path: string; message: string }> = [];
      whole.decode(log, id, json).forEach((entry, index) => {
        const parsed = item.safeParse(entry);
        if (parsed.success) entries.push(parsed.data);
        else skipped.push({ index, path: parsed.error.issues[0]?.path.map(String).join('.') ?? '', message: parsed.error.issues[0]?.message ?? '' });
      });
      if (skipped.length > 0) log.warn({ table, column, id, skipped: skipped.slice(0, 5), count: skipped.length }, 'stored JSON entries do not fit their schema; skipped');
      return entries;
    },
    encode: (value) => JSON.stringify(value),
  };
}

/** The part of the control state stored on the session row. */
export const storedControlSchema = z.object({
  phaseIndex: z.number().int().min(0).default(0),
  timer: z
    .object({
      running: z.boolean(),
      endsAt: z.number().nullable(),
      remainingMs: z.number(),
      durationMs: z.number(),
    })
    .nullable()
    .default(null),
  locked: z.boolean().default(false),
  follow: z.object({ room: z.string(), stageId: z.string().nullable() }).nullable().default(null),
  spotlight: z.object({ room: z.string(), cardId: z.string() }).nullable().default(null),
  share: z.object({ active: z.boolean(), index: z.number().int().min(0) }).default({ active: false, index: 0 }),
  projector: z.object({ view: z.enum(PROJECTOR_VIEWS), qr: z.enum(PROJECTOR_QR) }).default({ view: 'auto', qr: 'auto' }),
  timerOptions: z.object({ chime: z.boolean(), startWithPhase: z.boolean() }).default({ chime: false, startWithPhase: false }),
});
export type StoredControl = z.infer<typeof storedControlSchema>;

/** A saved template: a session template without id and name. */
export const templateDefinitionSchema = z.object({
  phases: phasesSchema,
  stages: z.array(stageZod).max(BOARD_SCHEMA.stages.max),
  tableMode: z.enum(['none', 'choose', 'assign']),
  tables: z.array(z.object({ name: z.string().max(60), theme: z.string().max(200).optional() })).max(30),
  persona: personaZod.optional(),
  survey: surveySchema.optional(),
});
export type TemplateDefinition = z.infer<typeof templateDefinitionSchema>;

const sourceSchema = z.object({ room: z.string(), kind: z.enum(['card', 'group']), id: z.string(), label: z.string() });
const scaleChoiceSchema = z.object({ id: z.string(), label: z.string(), supports: z.boolean() });
const EMPTY_PERSONA: Persona = { name: '', age: '', summary: '', needs: '', pains: '', emoji: '' };

/**
 * `sessions.phases`: unreadable phases read as the free board's one phase (every card kind, no
 * timer), so the session can still be run, exported and imported; the facilitator sets them again.
 */
export const sessionPhases = storedJson('sessions', 'phases', phasesSchema, () => structuredClone(findBuiltInTemplate('free-board')!.phases));
/** `sessions.control`: unreadable control state reads as the initial one (first phase, no timer, unlocked). */
export const sessionControl = storedJson('sessions', 'control', storedControlSchema, () => storedControlSchema.parse({}));
/** `sessions.survey`: empty means the standard closing survey; so does an unreadable one. */
export const sessionSurvey = storedJson('sessions', 'survey', z.union([surveySchema, z.array(z.never()).length(0)]), () => []);
/** `votes.items` and `polls.items`: the ballot as it was when opened; an entry that does not fit is skipped. */
export const voteItems = storedList('votes', 'items', ballotItemSchema);
export const pollItems = storedList('polls', 'items', ballotItemSchema);
/** `polls.scale`: unreadable reads as the agreement scale, the default of every poll. */
export const pollScale = storedJson('polls', 'scale', z.array(scaleChoiceSchema).min(1), () => AGREEMENT_SCALE);
/** `decisions.sources`: the cards and groups a decision came from; an entry that does not fit is skipped. */
export const decisionSources = storedList('decisions', 'sources', sourceSchema);
/** `audit_log.detail`: free-form fields of an entry; unreadable reads as none. */
export const auditDetail = storedJson('audit_log', 'detail', z.record(z.string(), z.unknown()), () => ({}));
/** `templates.definition`: an unreadable template reads as null and is skipped by every list. */
export const templateDefinition = storedJson('templates', 'definition', templateDefinitionSchema.nullable(), () => null);
/** `survey_responses.answers`: answers by question id; unreadable reads as no answers (the response still counts). */
export const surveyAnswers = storedJson('survey_responses', 'answers', z.record(z.string(), z.string()), () => ({}));
/** `archived_boards.persona`: the persona of a closed board; unreadable reads as an empty persona. */
export const archivedPersona = storedJson('archived_boards', 'persona', personaZod.transform((p): Persona => ({ ...EMPTY_PERSONA, ...p })), () => ({ ...EMPTY_PERSONA }));
/** `archived_boards.stages`: the journey of a closed board; a stage that does not fit is skipped. */
export const archivedStages = storedList('archived_boards', 'stages', stageZod);
