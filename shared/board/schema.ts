import { CARD_KINDS } from '../cards';
import { LIMITS } from '../limits';

/*
 * The board document's schema, declared once: every entity's fields (type, required, limits,
 * enums), how many of each a board may hold, and its total size. Everything else derives from
 * these tables: the server's check of a direct Yjs write (server/rooms/update-check.ts), the
 * check of imports and templates (`checkBoardDoc`), and the tolerant readers in `model.ts` that
 * every page, report and export goes through. Plain data and functions, no zod, so the phone's
 * bundle can carry it.
 */

/** One field of an entity. Strings are counted in UTF-16 code units, as Yjs and JSON count them. */
export type FieldSpec =
  | { type: 'string'; required?: boolean; min?: number; max: number; pattern?: RegExp }
  | { type: 'enum'; required?: boolean; values: readonly string[] }
  | { type: 'boolean'; required?: boolean }
  /** Co-edited text (a Y.Text in the document; a plain string read from older documents). */
  | { type: 'text'; required?: boolean; max: number };

/** The fields of one entity, by key. */
export type EntitySpec = Readonly<Record<string, FieldSpec>>;

const ID_MAX = 100;
/** Ids are written by clients (UUIDs, short stage ids); no control characters, bounded. */
const idField = { type: 'string', required: true, min: 1, max: ID_MAX, pattern: /^[\w.:-]+$/ } as const;
const optionalId = { ...idField, required: false } as const;
/** ISO 8601 time, as the server writes it (`new Date().toISOString()`). */
const timeField = { type: 'string', required: true, min: 10, max: 40, pattern: /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/ } as const;

/** A card: an issue, idea, opinion or question on the board. */
export const CARD_SPEC = {
  id: idField,
  kind: { type: 'enum', required: true, values: CARD_KINDS },
  text: { type: 'string', required: true, max: LIMITS.cardText },
  stageId: optionalId,
  groupId: optionalId,
  authorId: { type: 'string', required: true, min: 1, max: 200 },
  authorName: { type: 'string', max: 100 },
  organizationType: { type: 'string', max: 100 },
  anonymous: { type: 'boolean', required: true },
  createdAt: timeField,
  hidden: { type: 'boolean' },
} as const satisfies EntitySpec;

/** A customer-journey stage. */
export const STAGE_SPEC = {
  id: idField,
  title: { type: 'string', required: true, max: 200 },
  description: { type: 'string', max: 2000 },
} as const satisfies EntitySpec;

/** A group of cards. */
export const GROUP_SPEC = {
  id: idField,
  title: { type: 'string', required: true, max: 200 },
  stageId: optionalId,
} as const satisfies EntitySpec;

/** A comment on a card. */
export const COMMENT_SPEC = {
  id: idField,
  cardId: idField,
  text: { type: 'string', required: true, max: LIMITS.cardText },
  authorId: { type: 'string', required: true, min: 1, max: 200 },
  authorName: { type: 'string', max: 100 },
  createdAt: timeField,
} as const satisfies EntitySpec;

/** The board's own title and theme. */
export const META_SPEC = {
  title: { type: 'string', max: 200 },
  theme: { type: 'string', max: 500 },
  template: { type: 'string', max: 100 },
} as const satisfies EntitySpec;

/** The persona prepared before the workshop. */
export const PERSONA_SPEC = {
  name: { type: 'text', max: 200 },
  summary: { type: 'text', max: 4000 },
  needs: { type: 'text', max: 4000 },
  pains: { type: 'text', max: 4000 },
  age: { type: 'string', max: 40 },
  emoji: { type: 'string', max: 32 },
} as const satisfies EntitySpec;

/** How the top-level types of a board hold their entities. */
export const BOARD_SCHEMA = {
  meta: { shape: 'record', spec: META_SPEC },
  persona: { shape: 'record', spec: PERSONA_SPEC },
  stages: { shape: 'list', spec: STAGE_SPEC, max: 30 },
  cards: { shape: 'keyed', spec: CARD_SPEC, max: 10_000 },
  groups: { shape: 'keyed', spec: GROUP_SPEC, max: 1_000 },
  comments: { shape: 'keyed', spec: COMMENT_SPEC, max: 20_000 },
} as const satisfies Record<string, { shape: 'record' | 'list' | 'keyed'; spec: EntitySpec; max?: number }>;

/** The top-level keys of a board document; no other is accepted from a client. */
export type BoardRootKey = keyof typeof BOARD_SCHEMA;

/**
 * Bytes a board's stored state may grow to (snapshot plus the updates logged after it). Every
 * reader downloads the whole board on joining, on a phone on venue Wi-Fi: 4 MiB holds several
 * thousand cards with room to spare, and refuses a writer who would bloat it.
 */
export const BOARD_MAX_BYTES = 4 * 1024 * 1024;

/** Whether `key` names a top-level type of the board. */
export function isBoardRootKey(key: string): key is BoardRootKey {
  return Object.hasOwn(BOARD_SCHEMA, key);
}

/** The spec of `field` in `spec`, or undefined for a key the entity does not have (never a prototype member). */
export function fieldSpec(spec: EntitySpec, field: string): FieldSpec | undefined {
  return Object.hasOwn(spec, field) ? spec[field] : undefined;
}

/**
 * Why `value` does not fit `spec`, or null when it does. `text` fields are checked here as their
 * plain string (a reader's view); the update check counts a Y.Text's length itself.
 */
export function fieldProblem(spec: FieldSpec, value: unknown): string | null {
  switch (spec.type) {
    case 'string':
    case 'text': {
      if (typeof value !== 'string') return `expected a string, got ${describe(value)}`;
      if (value.length > spec.max) return `longer than ${spec.max} characters`;
      if (spec.type === 'string' && spec.min !== undefined && value.length < spec.min) return `shorter than ${spec.min} characters`;
      if (spec.type === 'string' && spec.pattern && !spec.pattern.test(value)) return 'has characters it may not have';
      return null;
    }
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? null : `expected one of ${spec.values.join(', ')}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `expected true or false, got ${describe(value)}`;
  }
}

/** Why a plain record does not fit an entity spec (unknown keys, missing or bad fields), or null. */
export function entityProblem(spec: EntitySpec, record: unknown): string | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return `expected an object, got ${describe(record)}`;
  for (const [key, value] of Object.entries(record)) {
    const field = fieldSpec(spec, key);
    if (!field) return `unknown field ${JSON.stringify(key.slice(0, 40))}`;
    if (value === undefined) continue;
    const problem = fieldProblem(field, value);
    if (problem) return `${key}: ${problem}`;
  }
  for (const [key, field] of Object.entries(spec)) {
    if (field.required && (record as Record<string, unknown>)[key] === undefined) return `${key} is missing`;
  }
  return null;
}

/**
 * Read a stored entity as plain data, or null when it does not fit (reported through `onSkip`).
 * Unknown fields are dropped rather than refused, so a document written by a later version
 * still reads; a missing required field or a wrong type skips the entity.
 */
export function decodeEntity<T>(spec: EntitySpec, record: unknown, onSkip?: (problem: string) => void): T | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    onSkip?.(`expected an object, got ${describe(record)}`);
    return null;
  }
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(spec)) {
    const value = (record as Record<string, unknown>)[key];
    if (value === undefined || value === null) {
      if (field.required) {
        onSkip?.(`${key} is missing`);
        return null;
      }
      continue;
    }
    const problem = fieldProblem(field, value);
    if (problem) {
      // An optional field that does not fit is dropped; a required one skips the entity.
      if (field.required) {
        onSkip?.(`${key}: ${problem}`);
        return null;
      }
      continue;
    }
    out[key] = value;
  }
  return out as T;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
