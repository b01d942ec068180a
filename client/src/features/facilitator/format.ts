/** A date and time in the UI language; Japanese shows the era year (令和), as city documents do. */
export function formatDateTime(iso: string, language: string): string {
  const locale = language === 'en' ? 'en-GB' : 'ja-JP-u-ca-japanese';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
