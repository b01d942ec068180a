import { boardParts, type Card, holdsAtLeast, patchCard, putCard, readCard, readStages, removeCard } from '../../shared/board/model';
import { BOARD_SCHEMA } from '../../shared/board/schema';
import * as Y from 'yjs';
import type { CardAdd, CardDelete, CardEdit, CardMove, CommentAdd } from '../../shared/schemas/cards';
import { findParticipantById } from '../../db/repositories/sessions.repository';
import { can, type TokenActor } from '../auth/policy';
import { AppError } from '../errors';
import type { Room } from '../rooms/room';
import { StorageError } from '../rooms/room';
import { authorizeRoom } from './access.service';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { writePermissions } from './control.service';

/** The author id written on a card: the participant, or the facilitator's account. */
export function authorIdOf(actor: TokenActor): string {
  return actor.participantId ?? `user:${actor.userId}`;
}

/**
 * Run a card command on its room. Participants write only to their own table (the main board
 * when the session has no tables), never while the board is locked. The room is held for the
 * task and the task runs on the room's queue. A storage failure becomes `storage_failed`, so no
 * ack ever claims a card that was not stored.
 */
async function onRoom<T>(
  ctx: ServiceContext,
  actor: TokenActor,
  roomName: string,
  task: (room: Room, moderator: boolean, allowedKinds: string[]) => Promise<T>,
): Promise<T> {
  const access = await authorizeRoom(ctx, actor, roomName);
  if (access.session.status !== 'open') throw new AppError('not_open', 'the session is closed');
  if (!can(actor, 'card:write-own', access.target)) throw new AppError('forbidden', 'this role cannot write cards');
  const moderator = can(actor, 'card:moderate', access.target);
  const { locked, allowedKinds } = writePermissions(ctx, access.session);
  if (!moderator) {
    if (locked) throw new AppError('board_locked', 'the facilitator has locked the board');
    const home = access.participant?.room;
    if (access.session.table_mode !== 'none' && !home && access.board.kind === 'main') {
      throw new AppError('forbidden', 'choose a table first');
    }
    if (home ? home !== access.board.room : access.board.kind !== 'main') {
      throw new AppError('forbidden', 'write on your own table');
    }
  }
  try {
    return await ctx.rooms.withRoom(roomName, async (room) => {
      // The room's queue is held only while the command reads and changes the document; the
      // answer waits, off the queue, until what it changed (or found there) is stored.
      const result = await room.run(() => task(room, moderator, allowedKinds));
      await room.stored();
      return result;
    });
  } catch (error) {
    if (error instanceof StorageError) throw new AppError('storage_failed', 'the card could not be stored');
    throw error;
  }
}

function ownCard(room: Room, actor: TokenActor, id: string, moderator: boolean): Card | undefined {
  const card = readCard(room.doc, id);
  if (card && !moderator && card.authorId !== authorIdOf(actor)) throw new AppError('forbidden', 'not your card');
  return card;
}

/** Audit a facilitator changing someone else's card. */
function auditModeration(ctx: ServiceContext, actor: TokenActor, card: Card, action: 'card.moderate_edit' | 'card.moderate_delete', room: string) {
  if (card.authorId === authorIdOf(actor)) return Promise.resolve();
  return recordAudit(ctx, actor, action, { sessionId: actor.sessionId, target: card.id, detail: { room, text: card.text } });
}

/** Who a new card is by: the caller, or (facilitators) a participant without a phone. */
async function authorOf(ctx: ServiceContext, actor: TokenActor, input: CardAdd, moderator: boolean) {
  if (!input.onBehalfOf) {
    return { authorId: authorIdOf(actor), name: actor.displayName, organizationType: actor.organizationType ?? undefined };
  }
  if (!moderator) throw new AppError('forbidden', 'only the facilitator writes for someone else');
  const p = await findParticipantById(ctx.db, input.onBehalfOf);
  if (!p || p.session_id !== actor.sessionId) throw new AppError('not_found', 'no such participant');
  return { authorId: p.id, name: p.display_name, organizationType: p.organization_type };
}

/** Add a card. Replaying the same id is answered as a success and changes nothing. */
export async function addCard(ctx: ServiceContext, actor: TokenActor, input: CardAdd): Promise<{ id: string }> {
  return onRoom(ctx, actor, input.room, async (room, moderator, allowedKinds) => {
    const author = await authorOf(ctx, actor, input, moderator);
    let existing = readCard(room.doc, input.id);
    // A phone replaying its outbox on this process after another was killed: the card may be
    // stored by the other process without its publish ever arriving here.
    if (!existing) {
      await ctx.rooms.catchUp(room);
      existing = readCard(room.doc, input.id);
    }
    if (existing) {
      if (existing.authorId !== author.authorId) throw new AppError('conflict', 'a card with this id exists');
      return { id: input.id };
    }
    if (!moderator && !allowedKinds.includes(input.kind)) throw new AppError('phase_forbids', `no ${input.kind} cards in this phase`);
    if (input.stageId && !readStages(room.doc).some((s) => s.id === input.stageId)) {
      throw new AppError('bad_request', 'no such stage');
    }
    // A card's update is well under 1 KiB per 300 characters of Japanese text.
    if (holdsAtLeast(boardParts(room.doc).cards, BOARD_SCHEMA.cards.max) || !room.hasRoomFor(input.text.length * 3 + 512)) {
      throw new AppError('too_large', 'this board is full');
    }
    const anonymous = input.anonymous ?? author.name === '';
    room.change((doc) =>
      putCard(doc, {
        id: input.id,
        kind: input.kind,
        text: input.text,
        stageId: input.stageId,
        authorId: author.authorId,
        authorName: anonymous ? undefined : author.name,
        organizationType: author.organizationType,
        anonymous,
        createdAt: ctx.now().toISOString(),
      }),
    );
    return { id: input.id };
  });
}

/** Edit the text or kind of one's own card (a facilitator may edit any). */
export async function editCard(ctx: ServiceContext, actor: TokenActor, input: CardEdit): Promise<{ id: string }> {
  return onRoom(ctx, actor, input.room, async (room, moderator, allowedKinds) => {
    const card = ownCard(room, actor, input.id, moderator);
    if (!card) throw new AppError('not_found', 'no such card');
    // The phase's kinds bind an edit as they bind a new card: no turning an idea into an issue in the ideas phase.
    if (!moderator && input.kind !== undefined && input.kind !== card.kind && !allowedKinds.includes(input.kind)) {
      throw new AppError('phase_forbids', `no ${input.kind} cards in this phase`);
    }
    room.change((doc) => patchCard(doc, input.id, { text: input.text, kind: input.kind }));
    await auditModeration(ctx, actor, card, 'card.moderate_edit', input.room);
    return { id: input.id };
  });
}

/** Withdraw one's own card. Deleting a card that is already gone succeeds (a replay). */
export async function deleteCard(ctx: ServiceContext, actor: TokenActor, input: CardDelete): Promise<{ id: string }> {
  return onRoom(ctx, actor, input.room, async (room, moderator) => {
    const card = ownCard(room, actor, input.id, moderator);
    if (card) {
      room.change((doc) => removeCard(doc, input.id));
      await auditModeration(ctx, actor, card, 'card.moderate_delete', input.room);
    }
    return { id: input.id };
  });
}

/** Put one's own card on another journey stage. */
export async function moveCard(ctx: ServiceContext, actor: TokenActor, input: CardMove): Promise<{ id: string }> {
  return onRoom(ctx, actor, input.room, async (room, moderator) => {
    if (!ownCard(room, actor, input.id, moderator)) throw new AppError('not_found', 'no such card');
    if (input.stageId !== null && !readStages(room.doc).some((s) => s.id === input.stageId)) {
      throw new AppError('bad_request', 'no such stage');
    }
    room.change((doc) => patchCard(doc, input.id, { stageId: input.stageId }));
    return { id: input.id };
  });
}

/**
 * Comment on a card, in a phase in which cards are written (a facilitator: any time). The server
 * writes the comment into the board's `comments` map; replaying the same id changes nothing.
 */
export async function addComment(ctx: ServiceContext, actor: TokenActor, input: CommentAdd): Promise<{ id: string }> {
  return onRoom(ctx, actor, input.room, async (room, moderator, allowedKinds) => {
    const comments = boardParts(room.doc).comments;
    let existing = comments.get(input.id);
    if (!existing) {
      await ctx.rooms.catchUp(room);
      existing = comments.get(input.id);
    }
    if (existing) {
      if (!(existing instanceof Y.Map) || existing.get('authorId') !== authorIdOf(actor)) throw new AppError('conflict', 'a comment with this id exists');
      return { id: input.id };
    }
    if (!moderator && allowedKinds.length === 0) throw new AppError('phase_forbids', 'no comments in this phase');
    if (!readCard(room.doc, input.cardId)) throw new AppError('not_found', 'no such card');
    if (holdsAtLeast(comments, BOARD_SCHEMA.comments.max) || !room.hasRoomFor(input.text.length * 3 + 512)) {
      throw new AppError('too_large', 'this board is full');
    }
    room.change((doc) => {
      const comment = new Y.Map<unknown>();
      comment.set('id', input.id);
      comment.set('cardId', input.cardId);
      comment.set('text', input.text);
      comment.set('authorId', authorIdOf(actor));
      comment.set('createdAt', ctx.now().toISOString());
      boardParts(doc).comments.set(input.id, comment);
    });
    return { id: input.id };
  });
}
