import { type Card, patchCard, putCard, readCard, readStages, removeCard } from '../../shared/board/model';
import type { CardAdd, CardDelete, CardEdit, CardMove } from '../../shared/schemas/cards';
import { can, type TokenActor } from '../auth/policy';
import { AppError } from '../errors';
import type { Room } from '../rooms/room';
import { StorageError } from '../rooms/room';
import { authorizeRoom } from './sessions.service';
import type { ServiceContext } from './context';
import { recordAudit } from './audit.service';

/** The author id written on a card: the participant, or the facilitator's account. */
export function authorIdOf(actor: TokenActor): string {
  return actor.participantId ?? `user:${actor.userId}`;
}

/**
 * Run a card command on its room: check the room is the actor's, hold the room, run `task` on
 * the room's queue. A storage failure becomes `storage_failed`, so no ack ever claims a card
 * that was not stored.
 */
async function onRoom<T>(ctx: ServiceContext, actor: TokenActor, roomName: string, task: (room: Room, moderator: boolean) => Promise<T>): Promise<T> {
  const { target } = await authorizeRoom(ctx, actor, roomName);
  if (!can(actor, 'card:write-own', target)) throw new AppError('forbidden', 'this role cannot write cards');
  const moderator = can(actor, 'card:moderate', target);
  try {
    return await ctx.rooms.withRoom(roomName, (room) => room.run(() => task(room, moderator)));
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

/** Add a card. Replaying the same id is answered as a success and changes nothing. */
export async function addCard(ctx: ServiceContext, actor: TokenActor, input: CardAdd): Promise<{ id: string }> {
  return onRoom(ctx, actor, input.room, async (room) => {
    const existing = readCard(room.doc, input.id);
    if (existing) {
      if (existing.authorId !== authorIdOf(actor)) throw new AppError('conflict', 'a card with this id exists');
      return { id: input.id };
    }
    if (input.stageId && !readStages(room.doc).some((s) => s.id === input.stageId)) {
      throw new AppError('bad_request', 'no such stage');
    }
    const anonymous = input.anonymous ?? actor.displayName === '';
    await room.change((doc) =>
      putCard(doc, {
        id: input.id,
        kind: input.kind,
        text: input.text,
        stageId: input.stageId,
        authorId: authorIdOf(actor),
        authorName: anonymous ? undefined : actor.displayName,
        organizationType: actor.organizationType ?? undefined,
        anonymous,
        createdAt: ctx.now().toISOString(),
      }),
    );
    return { id: input.id };
  });
}

/** Edit the text or kind of one's own card (a facilitator may edit any). */
export async function editCard(ctx: ServiceContext, actor: TokenActor, input: CardEdit): Promise<{ id: string }> {
  return onRoom(ctx, actor, input.room, async (room, moderator) => {
    const card = ownCard(room, actor, input.id, moderator);
    if (!card) throw new AppError('not_found', 'no such card');
    await room.change((doc) => patchCard(doc, input.id, { text: input.text, kind: input.kind }));
    await auditModeration(ctx, actor, card, 'card.moderate_edit', input.room);
    return { id: input.id };
  });
}

/** Withdraw one's own card. Deleting a card that is already gone succeeds (a replay). */
export async function deleteCard(ctx: ServiceContext, actor: TokenActor, input: CardDelete): Promise<{ id: string }> {
  return onRoom(ctx, actor, input.room, async (room, moderator) => {
    const card = ownCard(room, actor, input.id, moderator);
    if (card) {
      await room.change((doc) => removeCard(doc, input.id));
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
    await room.change((doc) => patchCard(doc, input.id, { stageId: input.stageId }));
    return { id: input.id };
  });
}
