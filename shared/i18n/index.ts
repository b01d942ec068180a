import { en } from './en';
import { enPlatform } from './en-platform';
import { ja } from './ja';
import { jaPlatform } from './ja-platform';
import type { Language, TextKey } from './languages';

// Apart from the texts, so the client can load one language's texts without the other's.
export { LANGUAGES, type Language, type TextKey } from './languages';

/** All texts by language, in the shape i18next takes as `resources`. */
export const TEXTS: Record<Language, Record<TextKey, string>> = { ja: { ...ja, ...jaPlatform }, en: { ...en, ...enPlatform } };

/**
 * Pick the language from an Accept-Language header or a stored preference: Japanese unless
 * English is asked for before it.
 */
export function pickLanguage(preference: string | null | undefined): Language {
  if (!preference) return 'ja';
  for (const part of preference.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'ja') return 'ja';
    if (tag === 'en') return 'en';
  }
  return 'ja';
}

/** Look a text up; `{name}` placeholders are filled from `values`. */
export function translate(language: Language, key: TextKey, values?: Record<string, string | number>): string {
  const text = TEXTS[language][key] ?? TEXTS.ja[key] ?? key;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
