import { z } from 'zod';
import { CARD_KINDS } from '../cards';
import { LIMITS } from '../limits';

// Defined apart from zod so the client can use them without loading it.
export { CARD_KINDS, type CardKind } from '../cards';

const id = z.string().uuid();
const room = z.string().min(1).max(200);
// `trimCardText` in ../cards is the same rule for the client's form.
const text = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.cardText);
const stageId = z.string().min(1).max(100);
// Any card's id as the board schema accepts it (a facilitator's card need not carry a UUID).
const cardId = z.string().min(1).max(100).regex(/^[\w.:-]+$/);

/** `card:add`: a new card with a client-generated id, so a replay adds nothing. */
export const cardAddSchema = z.object({
  room,
  id,
  kind: z.enum(CARD_KINDS),
  text,
  stageId: stageId.optional(),
  anonymous: z.boolean().optional(),
  /** Facilitators only: write the card for a participant without a phone. */
  onBehalfOf: z.string().uuid().optional(),
});
/** `card:edit`: new text and, optionally, a new kind. */
export const cardEditSchema = z.object({
  room,
  id,
  text: text.optional(),
  kind: z.enum(CARD_KINDS).optional(),
});
/** `card:delete`: withdraw one's own card. */
export const cardDeleteSchema = z.object({ room, id });
/** `card:move`: put a card on another journey stage (`null` takes it off every stage). */
export const cardMoveSchema = z.object({ room, id, stageId: stageId.nullable() });

export type CardAdd = z.infer<typeof cardAddSchema>;
export type CardEdit = z.infer<typeof cardEditSchema>;
export type CardDelete = z.infer<typeof cardDeleteSchema>;
export type CardMove = z.infer<typeof cardMoveSchema>;

/** `reaction:toggle`: mark (`on: true`) or unmark a card with 共感; sending the same state again changes nothing. */
export const reactionToggleSchema = z.object({ room, cardId, on: z.boolean() });
/** `reaction:get`: the board's 共感 counts and the caller's own marks. */
export const reactionGetSchema = z.object({ room });
/** `reaction:state`: one card's 共感 count after a change. */
export const reactionStateSchema = z.object({ room: z.string(), cardId: z.string(), count: z.number().int() });
/** `comment:add`: a comment on a card, with a client-generated id, so a replay adds nothing. */
export const commentAddSchema = z.object({ room, id, cardId, text });

export type ReactionToggle = z.infer<typeof reactionToggleSchema>;
export type ReactionState = z.infer<typeof reactionStateSchema>;
export type CommentAdd = z.infer<typeof commentAddSchema>;
