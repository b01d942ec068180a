import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { boardParts, type Group, readGroups as readBoardGroups } from '../../../shared/board/model';
import { newId } from './ids';

/*
 * Groups of cards on a board (`groups` id → { id, title, stageId? }; a card joins one through its
 * `groupId`). Written straight into the Y.Doc by those the server lets write it (a facilitator, a
 * table's scribe); everyone else only reads them.
 */

/** A group as plain data. */
export type BoardGroup = Group;

/** The board's groups that fit the schema, by title (a Y.Map keeps no order, and the schema has no creation time). */
export function readGroups(doc: Y.Doc): BoardGroup[] {
  return readBoardGroups(doc).sort((a, b) => a.title.localeCompare(b.title, 'ja') || a.id.localeCompare(b.id));
}

const NO_GROUPS: BoardGroup[] = [];

/**
 * The groups of a board document, re-read when a transaction touches them (not on every card),
 * so a board's components see the same array until a group changes.
 */
export function useGroups(doc: Y.Doc | null): BoardGroup[] {
  const [groups, setGroups] = useState<BoardGroup[]>(() => (doc ? readGroups(doc) : NO_GROUPS));
  useEffect(() => {
    if (!doc) return setGroups(NO_GROUPS);
    const map = boardParts(doc).groups;
    const read = () => setGroups(readGroups(doc));
    read();
    map.observeDeep(read);
    return () => map.unobserveDeep(read);
  }, [doc]);
  return groups;
}

/** Make a group and put these cards in it, in one update. Returns the new group's id. */
export function createGroup(doc: Y.Doc, title: string, cardIds: string[] = [], stageId?: string): string {
  const id = newId();
  const { groups, cards } = boardParts(doc);
  doc.transact(() => {
    const group = new Y.Map<unknown>();
    group.set('id', id);
    group.set('title', title);
    if (stageId) group.set('stageId', stageId);
    groups.set(id, group as Y.Map<unknown>);
    for (const cardId of cardIds) cards.get(cardId)?.set('groupId', id);
  });
  return id;
}

/** Give a group a new title. */
export function renameGroup(doc: Y.Doc, id: string, title: string): void {
  const group = boardParts(doc).groups.get(id);
  if (group instanceof Y.Map && group.get('title') !== title) group.set('title', title);
}

/** Remove a group; its cards go back to no group. */
export function deleteGroup(doc: Y.Doc, id: string): void {
  const { groups, cards } = boardParts(doc);
  doc.transact(() => {
    cards.forEach((card) => {
      if (card instanceof Y.Map && card.get('groupId') === id) card.delete('groupId');
    });
    groups.delete(id);
  });
}

/** Put a card in a group, or (null) take it out of any. */
export function setCardGroup(doc: Y.Doc, cardId: string, groupId: string | null): void {
  const card = boardParts(doc).cards.get(cardId);
  if (!(card instanceof Y.Map)) return;
  if (groupId === null) {
    if (card.has('groupId')) card.delete('groupId');
  } else if (card.get('groupId') !== groupId) card.set('groupId', groupId);
}

/** The id of the group a card is in, if that group exists. */
export function groupOf(card: { groupId?: string }, known: ReadonlySet<string>): string | null {
  return card.groupId && known.has(card.groupId) ? card.groupId : null;
}
