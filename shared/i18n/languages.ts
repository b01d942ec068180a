import type { ja } from './ja';

/** The languages of the UI, first one the default. */
export const LANGUAGES = ['ja', 'en'] as const;
/** One UI language. */
export type Language = (typeof LANGUAGES)[number];
/** A key of the UI texts. */
export type TextKey = keyof typeof ja;
