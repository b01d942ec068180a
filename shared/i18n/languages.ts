import type { ja } from './ja';
import type { jaPlatform } from './ja-platform';

/** The languages of the UI, first one the default. */
export const LANGUAGES = ['ja', 'en'] as const;
/** One UI language. */
export type Language = (typeof LANGUAGES)[number];
/** A key of the UI texts (the platform's screens' too). */
export type TextKey = keyof typeof ja | keyof typeof jaPlatform;
