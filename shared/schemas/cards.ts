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
