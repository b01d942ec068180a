import { LIMITS } from './limits';

/** The kinds of card a participant can write. */
export const CARD_KINDS = ['issue', 'idea', 'opinion', 'question'] as const;
/** One card kind. */
export type CardKind = (typeof CARD_KINDS)[number];

/**
 * A card's text as the server takes it: trimmed, 1 to `LIMITS.cardText` characters; `null` when
 * it is not. The rule of `cardAddSchema`'s `text`, without zod, so the phone's card form checks
 * it without loading the schemas.
 */
export function trimCardText(text: string): string | null {
  const trimmed = text.trim();
  // Counted in code points, as zod counts a string's length: an emoji is one character.
  const length = [...trimmed].length;
  return length >= 1 && length <= LIMITS.cardText ? trimmed : null;
}
