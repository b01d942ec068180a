import * as Y from 'yjs';
import type { CardKind } from '../schemas/cards';

/**
 * The board document: one Y.Doc per board room. Described for integrators in
 * docs/board-schema.md; these helpers are the only code that knows the key names.
 */
export const BOARD_ROOT_KEYS = ['meta', 'persona', 'stages', 'cards', 'groups', 'comments'] as const;

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

/** Read one card as plain data, or undefined. */
export function readCard(doc: Y.Doc, id: string): Card | undefined {
  const card = boardParts(doc).cards.get(id);
  return card instanceof Y.Map ? (card.toJSON() as Card) : undefined;
}

/** All cards, oldest first. */
export function readCards(doc: Y.Doc): Card[] {
  const out: Card[] = [];
  boardParts(doc).cards.forEach((value) => {
    if (value instanceof Y.Map) out.push(value.toJSON() as Card);
  });
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** The journey stages in order. */
export function readStages(doc: Y.Doc): Stage[] {
  return boardParts(doc)
    .stages.toArray()
    .filter((stage) => stage instanceof Y.Map)
    .map((stage) => stage.toJSON() as Stage);
}

function toYMap(record: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(record)) map.set(key, value);
  return map;
}

function withoutUndefined<T extends object>(value: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
