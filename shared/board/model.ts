import * as Y from 'yjs';
import type { CardKind } from '../schemas/cards';
import { BOARD_SCHEMA, CARD_SPEC, decodeEntity, GROUP_SPEC, STAGE_SPEC } from './schema';

/**
 * The board document: one Y.Doc per board room. Described for integrators in
 * docs/board-schema.md; these helpers are the only code that knows the key names.
 */
export const BOARD_ROOT_KEYS = Object.keys(BOARD_SCHEMA) as Array<keyof typeof BOARD_SCHEMA>;

/**
 * Told about each stored entity a reader skipped because it does not fit the board schema
 * (written by an older version or a bug): readers never throw on what is stored.
 */
export type SkipReport = (what: { entity: string; id: string; problem: string }) => void;

/** A card as plain data. */
export interface Card {
  id: string;
  kind: CardKind;
  text: string;
  stageId?: string;
  groupId?: string;
  authorId: string;
  authorName?: string;
  organizationType?: string;
  anonymous: boolean;
  createdAt: string;
  /** Set by a facilitator to keep a card off the screens; it stays in the document and the archive. */
  hidden?: boolean;
}

/** A customer-journey stage as plain data. */
export interface Stage {
  id: string;
  title: string;
  description: string;
}

/** The persona as plain data (the co-edited fields are Y.Text in the document). */
export interface Persona {
  name: string;
  age: string;
  summary: string;
  needs: string;
  pains: string;
  /** An emoji standing for the persona's picture. */
  emoji: string;
}

/** The persona fields held as Y.Text, so several facilitators can edit them at once. */
export const PERSONA_TEXT_FIELDS = ['name', 'summary', 'needs', 'pains'] as const;

/** What a new board starts with. */
export interface BoardInit {
  title: string;
  theme?: string;
  template: string;
  stages: Stage[];
  persona?: Partial<Persona>;
}

/** The top-level shared types of a board document. */
export function boardParts(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>('meta'),
    persona: doc.getMap<unknown>('persona'),
    stages: doc.getArray<Y.Map<unknown>>('stages'),
    cards: doc.getMap<Y.Map<unknown>>('cards'),
    groups: doc.getMap<Y.Map<unknown>>('groups'),
    comments: doc.getMap<Y.Map<unknown>>('comments'),
  };
}

/**
 * Whether a keyed map of the board holds at least `n` live entries. Y.Map's `size` walks every
 * entry (a board's every card, on every write that asks), so it is read only when the map's
 * entry count, which counts removed entries too and so bounds it from above, reaches `n`.
 */
export function holdsAtLeast<T>(map: Y.Map<T>, n: number): boolean {
  return map._map.size >= n && map.size >= n;
}

/** Fill an empty document with a template's starting content. */
export function initBoard(doc: Y.Doc, init: BoardInit): void {
  const { meta, persona, stages } = boardParts(doc);
  doc.transact(() => {
    meta.set('title', init.title);
    meta.set('theme', init.theme ?? '');
    meta.set('template', init.template);
    for (const field of PERSONA_TEXT_FIELDS) persona.set(field, new Y.Text(init.persona?.[field] ?? ''));
    persona.set('age', init.persona?.age ?? '');
    persona.set('emoji', init.persona?.emoji ?? '');
    stages.push(init.stages.map((stage) => toYMap({ ...stage })));
  });
}

/** The persona as plain strings. */
export function readPersona(doc: Y.Doc): Persona {
  const persona = boardParts(doc).persona;
  const text = (key: string) => {
    const value = persona.get(key);
    return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
  };
  return { name: text('name'), age: text('age'), summary: text('summary'), needs: text('needs'), pains: text('pains'), emoji: text('emoji') };
}

/**
 * Replace the persona and the journey with these (copying the preparation of the main board to
 * a table). Stage ids are kept, so cards stay on their stages.
 */
export function replacePrep(doc: Y.Doc, persona: Persona, stageList: Stage[]): void {
  const parts = boardParts(doc);
  doc.transact(() => {
    for (const field of PERSONA_TEXT_FIELDS) {
      const current = parts.persona.get(field);
      if (current instanceof Y.Text && current.toString() === persona[field]) continue;
      parts.persona.set(field, new Y.Text(persona[field]));
    }
    if (parts.persona.get('age') !== persona.age) parts.persona.set('age', persona.age);
    if (parts.persona.get('emoji') !== persona.emoji) parts.persona.set('emoji', persona.emoji);
    const same = JSON.stringify(readStages(doc)) === JSON.stringify(stageList);
    if (!same) {
      parts.stages.delete(0, parts.stages.length);
      parts.stages.push(stageList.map((stage) => toYMap({ ...stage })));
    }
  });
}

/** Put a card on the board (or overwrite the fields of the card with that id). */
export function putCard(doc: Y.Doc, card: Card): void {
  const { cards } = boardParts(doc);
  doc.transact(() => {
    cards.set(card.id, toYMap(withoutUndefined(card)));
  });
}

/** Change some fields of an existing card; `null` removes a field. Returns false if absent. */
export function patchCard(
  doc: Y.Doc,
  id: string,
  patch: Partial<Record<keyof Card, string | boolean | null>>,
): boolean {
  const card = boardParts(doc).cards.get(id);
  if (!card) return false;
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) card.delete(key);
      else if (card.get(key) !== value) card.set(key, value);
    }
  });
  return true;
}

/** Remove a card. Returns false if it was not there. */
export function removeCard(doc: Y.Doc, id: string): boolean {
  const { cards } = boardParts(doc);
  if (!cards.has(id)) return false;
  cards.delete(id);
  return true;
}

/** A card's Y.Map (or whatever is stored under its key) as plain data, or undefined when it does not fit. */
export function decodeCard(value: unknown, id: string, onSkip?: SkipReport): Card | undefined {
  const record = value instanceof Y.Map ? value.toJSON() : value;
  return decodeEntity<Card>(CARD_SPEC, record, (problem) => onSkip?.({ entity: 'card', id, problem })) ?? undefined;
}

/** Read one card as plain data, or undefined (absent, or not fitting the schema). */
export function readCard(doc: Y.Doc, id: string, onSkip?: SkipReport): Card | undefined {
  const cards = boardParts(doc).cards;
  return cards.has(id) ? decodeCard(cards.get(id), id, onSkip) : undefined;
}

/** All cards that fit the schema, oldest first; the others are skipped and reported. */
export function readCards(doc: Y.Doc, onSkip?: SkipReport): Card[] {
  const out: Card[] = [];
  boardParts(doc).cards.forEach((value, id) => {
    const card = decodeCard(value, id, onSkip);
    if (card) out.push(card);
  });
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** A group of cards as plain data. */
export interface Group {
  id: string;
  title: string;
  stageId?: string;
}

/** One group as plain data, or undefined (absent, or not fitting the schema). */
export function readGroup(doc: Y.Doc, id: string, onSkip?: SkipReport): Group | undefined {
  const groups = boardParts(doc).groups;
  if (!groups.has(id)) return undefined;
  const value = groups.get(id);
  const record = value instanceof Y.Map ? value.toJSON() : value;
  return decodeEntity<Group>(GROUP_SPEC, record, (problem) => onSkip?.({ entity: 'group', id, problem })) ?? undefined;
}

/** Every group that fits the schema (in no particular order); the others are skipped and reported. */
export function readGroups(doc: Y.Doc, onSkip?: SkipReport): Group[] {
  const out: Group[] = [];
  boardParts(doc).groups.forEach((_value, id) => {
    const group = readGroup(doc, id, onSkip);
    if (group) out.push(group);
  });
  return out;
}

/** The journey stages that fit the schema, in order; the others are skipped and reported. */
export function readStages(doc: Y.Doc, onSkip?: SkipReport): Stage[] {
  const out: Stage[] = [];
  boardParts(doc).stages.forEach((value, index) => {
    const record = value instanceof Y.Map ? value.toJSON() : value;
    const stage = decodeEntity<Stage>(STAGE_SPEC, record, (problem) => onSkip?.({ entity: 'stage', id: String(index), problem }));
    if (stage) out.push({ ...stage, description: stage.description ?? '' });
  });
  return out;
}

function toYMap(record: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(record)) map.set(key, value);
  return map;
}

function withoutUndefined<T extends object>(value: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
