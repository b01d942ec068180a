import * as rruleModule from 'rrule';

// rrule ships an ES module (what the bundler takes) and a UMD main (what Node loads, with the
// classes under `default`): take the namespace that holds them, so tests in Node read it too.
const { RRule } = ((rruleModule as unknown as { RRule?: unknown }).RRule ? rruleModule : Reflect.get(rruleModule, 'default')) as typeof rruleModule;

/** RFC 5545 weekday codes, Monday first (rrule's order). */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Which week of the month: 1st to 4th, or the last (-1). */
export const NTHS = [1, 2, 3, 4, -1] as const;
export type Nth = (typeof NTHS)[number];

/** The two rules the picker makes: weekly on some weekdays, or monthly on the n-th weekday. */
export type Recurrence = { kind: 'weekly'; days: Weekday[] } | { kind: 'monthly'; nth: Nth; day: Weekday };

/** The RFC 5545 rule of a recurrence (`FREQ=WEEKLY;BYDAY=MO,WE`, `FREQ=MONTHLY;BYDAY=2SA`). */
export function ruleOf(recurrence: Recurrence): string {
  if (recurrence.kind === 'weekly') {
    const days = WEEKDAYS.filter((d) => recurrence.days.includes(d));
    return `FREQ=WEEKLY;BYDAY=${days.join(',')}`;
  }
  return `FREQ=MONTHLY;BYDAY=${recurrence.nth}${recurrence.day}`;
}

/**
 * Read a rule back into the picker's form, with rrule's parser; null for a rule the picker
 * cannot show (another frequency, several monthly days, or not a rule at all).
 */
export function parseRule(rule: string): Recurrence | null {
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(rule.replace(/^RRULE:/i, ''));
  } catch {
    return null;
  }
  const days = (Array.isArray(options.byweekday) ? options.byweekday : options.byweekday == null ? [] : [options.byweekday]).map((d) =>
    typeof d === 'number' ? { weekday: d, n: undefined } : typeof d === 'string' ? null : { weekday: d.weekday, n: d.n },
  );
  if (days.some((d) => d === null) || days.length === 0) return null;
  // Every second week, a fixed number of times, an end date, a first day: more than the picker shows.
  if ((options.interval ?? 1) !== 1 || options.count || options.until || options.dtstart || [options.bymonthday].flat().some((d) => d != null)) return null;
  const known = days as Array<{ weekday: number; n: number | undefined }>;
  if (options.freq === RRule.WEEKLY && known.every((d) => !d.n)) return { kind: 'weekly', days: known.map((d) => WEEKDAYS[d.weekday]) };
  if (options.freq === RRule.MONTHLY && known.length === 1 && (NTHS as readonly number[]).includes(known[0].n ?? 0)) {
    return { kind: 'monthly', nth: known[0].n as Nth, day: WEEKDAYS[known[0].weekday] };
  }
  return null;
}
