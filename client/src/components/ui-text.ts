import type { TFunction } from 'i18next';
import { useSyncExternalStore } from 'react';
import { getI18n } from 'react-i18next';

/*
 * `useTranslation` for the parts a board repeats a thousand times (a card's words and buttons).
 * react-i18next's hook copies the i18next instance on every mount, and each `t` call walks the
 * resources again: on a 1,000-card board that was about half of the first render. This hook
 * subscribes to the language alone (as `useTranslation` does by default), and each text without
 * options is looked up once per language; texts added later (a language fetched on demand)
 * empty that memory.
 */

type Lookup = (key: string, ...rest: unknown[]) => string;

const byLanguage = new Map<string, TFunction>();

function subscribe(changed: () => void): () => void {
  const i18n = getI18n();
  i18n.on('languageChanged', changed);
  return () => i18n.off('languageChanged', changed);
}

function currentLanguage(): string {
  return getI18n().language;
}

let watchingStore = false;

function textsOf(language: string): TFunction {
  if (!watchingStore) {
    getI18n().store.on('added', () => byLanguage.clear());
    watchingStore = true;
  }
  let t = byLanguage.get(language);
  if (!t) {
    const fixed = getI18n().getFixedT(language) as unknown as Lookup;
    const known = new Map<string, string>();
    const lookup: Lookup = (key, ...rest) => {
      if (rest.length > 0) return fixed(key, ...rest);
      let text = known.get(key);
      if (text === undefined) known.set(key, (text = fixed(key)));
      return text;
    };
    t = lookup as unknown as TFunction;
    byLanguage.set(language, t);
  }
  return t;
}

/** The UI language's `t`, re-rendering on a language change; the same function while the language stays. */
export function useUiText(): TFunction {
  return textsOf(useSyncExternalStore(subscribe, currentLanguage));
}
