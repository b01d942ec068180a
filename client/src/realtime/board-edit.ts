import * as Y from 'yjs';
import { boardParts, type Persona, PERSONA_TEXT_FIELDS, type Stage } from '../../../shared/board/model';
import { newId } from './ids';

/*
 * Direct writes to a board's Y.Doc, for the tokens the server lets write (a facilitator, a
 * table's scribe). The server checks each update against the board schema before relaying it.
 */

type PersonaTextField = (typeof PERSONA_TEXT_FIELDS)[number];

/** Whether a persona field is co-edited text (Y.Text) rather than a plain string. */
export function isPersonaTextField(field: keyof Persona): field is PersonaTextField {
  return (PERSONA_TEXT_FIELDS as readonly string[]).includes(field);
}

/**
 * Change a persona field to `value`. Text fields change only the span that differs, so two
 * facilitators typing in different places of the same field both keep their words.
 */
export function setPersonaField(doc: Y.Doc, field: keyof Persona, value: string): void {
  const { persona } = boardParts(doc);
  if (!isPersonaTextField(field)) {
    if (persona.get(field) !== value) persona.set(field, value);
    return;
  }
  const current = persona.get(field);
  if (!(current instanceof Y.Text)) {
    persona.set(field, new Y.Text(value));
    return;
  }
  const old = current.toString();
  if (old === value) return;
  let start = 0;
  while (start < old.length && start < value.length && old[start] === value[start]) start++;
  let end = 0;
  while (end < old.length - start && end < value.length - start && old[old.length - 1 - end] === value[value.length - 1 - end]) end++;
  doc.transact(() => {
    current.delete(start, old.length - start - end);
    current.insert(start, value.slice(start, value.length - end));
  });
}

function stageMap(stage: Stage): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries(stage));
}

/** Add a journey stage at the end. */
export function addStage(doc: Y.Doc, title: string): void {
  boardParts(doc).stages.push([stageMap({ id: newId().slice(0, 8), title, description: '' })]);
}

/** Rename the stage at `index`. */
export function renameStage(doc: Y.Doc, index: number, title: string): void {
  const stage = boardParts(doc).stages.get(index);
  if (stage instanceof Y.Map && stage.get('title') !== title) stage.set('title', title);
}

/** Remove the stage at `index` (its cards show under "no stage" until moved). */
export function removeStage(doc: Y.Doc, index: number): void {
  boardParts(doc).stages.delete(index, 1);
}

/** Move the stage at `index` one place earlier (-1) or later (+1), keeping its id. */
export function moveStage(doc: Y.Doc, index: number, by: -1 | 1): void {
  const { stages } = boardParts(doc);
  const target = index + by;
  const stage = stages.get(index);
  if (target < 0 || target >= stages.length || !(stage instanceof Y.Map)) return;
  // A Y type cannot be moved: put a copy of it in the new place.
  const copy = stage.toJSON() as Stage;
  doc.transact(() => {
    stages.delete(index, 1);
    stages.insert(target, [stageMap(copy)]);
  });
}

/** Hide a card from participants and the projector, or show it again (moderation). */
export function setCardHidden(doc: Y.Doc, id: string, hidden: boolean): void {
  const card = boardParts(doc).cards.get(id);
  if (!(card instanceof Y.Map)) return;
  if (hidden) card.set('hidden', true);
  else card.delete('hidden');
}

/** Change a card's text directly (a scribe tidying their table). */
export function setCardText(doc: Y.Doc, id: string, text: string): boolean {
  const card = boardParts(doc).cards.get(id);
  if (!(card instanceof Y.Map)) return false;
  if (card.get('text') !== text) card.set('text', text);
  return true;
}
