import { useTranslation } from 'react-i18next';

/** A YYYY-MM-DD day as a local date (parsing it as UTC would shift it a day in some time zones). */
function localDay(ymd: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

const ERA = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric' });

/** A day in the Japanese era, as city documents write it: 令和8年11月20日. */
export function eraDay(ymd: string): string {
  const date = localDay(ymd);
  return date ? ERA.format(date) : ymd;
}

/** A day in the Western calendar of the UI language: 2026年11月20日 / 20 November 2026. */
export function westernDay(ymd: string, language: string): string {
  const date = localDay(ymd);
  if (!date) return ymd;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ja-JP', { year: 'numeric', month: 'long', day: 'numeric' }).format(date);
}

/** Format days and moments in the UI language; `day` gives both calendars: 2026年11月20日（令和8年11月20日）. */
export function useDates() {
  const { t, i18n } = useTranslation();
  return {
    day: (ymd: string) => (localDay(ymd) ? t('secretariat.dateWithEra', { western: westernDay(ymd, i18n.language), era: eraDay(ymd) }) : ymd),
    shortDay: (ymd: string) => westernDay(ymd, i18n.language),
    moment: (iso: string) =>
      new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
  };
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
