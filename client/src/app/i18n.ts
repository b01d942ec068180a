import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language, TEXTS } from '../../../shared/i18n';
import type { ja } from '../../../shared/i18n/ja';

const STORAGE_KEY = 'yoriai.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof ja };
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

/** Start i18next: Japanese unless the person chose English before on this device. */
export function setupI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { ja: { translation: TEXTS.ja }, en: { translation: TEXTS.en } },
    lng: storedLanguage(),
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
  return i18next;
}

/** Switch the UI language and remember the choice on this device. */
export function changeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing may refuse storage; the switch still applies to this page.
  }
  void i18next.changeLanguage(language);
}

/** The UI language now in use. */
export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'ja';
}
