import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ja } from '../../../shared/i18n/ja';
import type { jaPlatform } from '../../../shared/i18n/ja-platform';
import { LANGUAGES, type Language, type TextKey } from '../../../shared/i18n/languages';

const STORAGE_KEY = 'yoriai.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof ja & typeof jaPlatform };
    // Keys are flat ("card.saved"), and placeholders are `{name}` as in shared/i18n.
    keySeparator: false;
    nsSeparator: false;
    interpolationPrefix: '{';
    interpolationSuffix: '}';
  }
}

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : LANGUAGES[0];
  } catch {
    return LANGUAGES[0];
  }
}

function reflectLanguage(language: string): void {
  document.documentElement.lang = language;
  document.title = i18next.t('app.name');
}

/**
 * The texts of every language but Japanese, fetched the first time they are needed: a phone
 * in Japanese never downloads them.
 */
const LATER_TEXTS: Record<Exclude<Language, 'ja'>, () => Promise<Record<string, string>>> = {
  en: async () => (await import('../../../shared/i18n/en')).en,
};

/** The platform screens' texts by language (organisations, directory, update links), fetched with those screens. */
const PLATFORM_TEXTS: Record<Language, () => Promise<Record<string, string>>> = {
  ja: async () => (await import('../../../shared/i18n/ja-platform')).jaPlatform,
  en: async () => (await import('../../../shared/i18n/en-platform')).enPlatform,
};
let platformWanted = false;

/** Add the platform texts of a language once (into the same namespace: keys never collide). */
async function addPlatformTexts(language: Language): Promise<void> {
  if (i18next.exists('dir.nav.directory', { lng: language, fallbackLng: false })) return;
  i18next.addResourceBundle(language, 'translation', await PLATFORM_TEXTS[language](), true, false);
}

/**
 * Fetch the platform screens' texts before one of them renders (a route's loader awaits it); the
 * participant's phone never needs them. Japanese is always there as the fallback.
 */
export async function ensurePlatformTexts(): Promise<void> {
  platformWanted = true;
  await Promise.all([addPlatformTexts('ja'), i18next.language === 'ja' ? null : addPlatformTexts(i18next.language as Language)]);
}

/** Switch to a language, fetching its texts first if need be; with no network the UI stays as it is. */
async function switchLanguage(language: Language): Promise<void> {
  if (language !== 'ja' && !i18next.hasResourceBundle(language, 'translation')) {
    try {
      i18next.addResourceBundle(language, 'translation', await LATER_TEXTS[language]());
    } catch {
      return;
    }
  }
  if (platformWanted) await addPlatformTexts(language).catch(() => undefined);
  await i18next.changeLanguage(language);
}

/**
 * Start i18next: Japanese unless the person chose English before on this device (then its
 * texts are fetched before anything shows, so the page does not change language under them).
 */
export async function setupI18n(): Promise<typeof i18next> {
  void i18next.use(initReactI18next).init({
    resources: { ja: { translation: ja } },
    lng: LANGUAGES[0],
    fallbackLng: 'ja',
    supportedLngs: [...LANGUAGES],
    keySeparator: false,
    nsSeparator: false,
    initAsync: false,
    interpolation: { escapeValue: false, prefix: '{', suffix: '}' },
    returnNull: false,
  });
  i18next.on('languageChanged', reflectLanguage);
  reflectLanguage(i18next.language);
  const language = storedLanguage();
  if (language !== i18next.language) await switchLanguage(language);
  return i18next;
}

/** Switch the UI language and remember the choice on this device. */
export function changeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing may refuse storage; the switch still applies to this page.
  }
  void switchLanguage(language);
}

/** The UI language now in use. */
export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'ja';
}
