/*
 * Schedules as RFC 5545 recurrence rules, through the `rrule` library: parsing, the canonical
 * text that is stored, occurrences ("open this week") and the weekdays a rule falls on. Two
 * things are written here because the library does not do them: a strict check of the rule
 * (rrule's parser accepts `FREQ=FOO` and `BYDAY=XX` silently), and the Japanese rendering
 * (rrule's toText speaks English only).
 */
import * as rruleModule from 'rrule';
import type { Options, RRule as RRuleType, Weekday as RWeekday } from 'rrule';
import { WEEKDAYS, type Weekday } from '../../shared/schemas/directory';
import { AppError } from '../errors';

// rrule ships a UMD main (Node loads it as CommonJS, exports under `default`) and an ES module
// (bundlers): take the namespace that holds the classes.
const lib = ((rruleModule as unknown as { RRule?: unknown }).RRule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default) as typeof rruleModule;
const { RRule, rrulestr } = lib;

/** A checked rule: its canonical text (what is stored) and rrule's parsed form. */
export interface ParsedRule {
  text: string;
  rule: RRuleType;
}

const WEEKDAY_PART = /^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/;
const UNTIL_PART = /^\d{8}(T\d{6}Z?)?$/;
const DTSTART_LINE = /^DTSTART(;VALUE=DATE)?:(\d{8}(T\d{6}Z?)?)$/;

function bad(message: string): AppError {
  return new AppError('bad_request', `schedule.rrule: ${message}`);
}

/**
 * A YYYYMMDD… that names a real day from 2000 to 2100: rrule rolls 20261301 into the next year
 * silently, and a first day far back makes every occurrence query walk decades.
 */
function isPlausibleDay(text: string): boolean {
  const [y, m, d] = [Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8))];
  const day = new Date(Date.UTC(y, m - 1, d));
  return y >= 2000 && y <= 2100 && day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/** Check one `KEY=value` part of an RRULE; the library would take a wrong one silently. */
function checkPart(key: string, value: string): void {
  switch (key) {
    case 'FREQ':
      if (value !== 'WEEKLY' && value !== 'MONTHLY') throw bad('FREQ is WEEKLY or MONTHLY');
      return;
    case 'INTERVAL':
      if (!/^\d{1,2}$/.test(value) || Number(value) < 1) throw bad('INTERVAL is a number from 1 to 99');
      return;
    case 'BYDAY':
      if (!value.split(',').every((d) => WEEKDAY_PART.test(d))) throw bad('BYDAY lists weekdays like WE, 2SA or -1FR');
      return;
    case 'BYMONTHDAY':
      if (!value.split(',').every((d) => /^-?\d{1,2}$/.test(d) && Number(d) !== 0 && Math.abs(Number(d)) <= 31)) throw bad('BYMONTHDAY lists days 1–31 (or -1 for the last)');
      return;
    case 'UNTIL':
      if (!UNTIL_PART.test(value) || !isPlausibleDay(value)) throw bad('UNTIL is a date like 20270331 (2000–2100)');
      return;
    case 'COUNT':
      if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > 1000) throw bad('COUNT is a number from 1 to 1000');
      return;
    case 'WKST':
      if (!/^(MO|TU|WE|TH|FR|SA|SU)$/.test(value)) throw bad('WKST is a weekday');
      return;
    default:
      throw bad(`${key.slice(0, 20)} is not supported (FREQ, INTERVAL, BYDAY, BYMONTHDAY, UNTIL, COUNT, WKST)`);
  }
}

/**
 * Check and parse a rule: `FREQ=MONTHLY;BYDAY=2SA`, or with its first day
 * `DTSTART:20260107\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE`. A weekly rule names its weekdays;
 * one that repeats every second week or more, or counts occurrences, needs its DTSTART (else
 * "which week" has no answer). Throws a 400 naming what is wrong.
 */
export function parseRule(input: string): ParsedRule {
  const lines = input.trim().split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0 || lines.length > 2) throw bad('one RRULE line, optionally after a DTSTART line');
  let dtstart: string | undefined;
  if (lines.length === 2) {
    const match = DTSTART_LINE.exec(lines[0]);
    if (!match || !isPlausibleDay(match[2])) throw bad('the first of two lines is DTSTART:YYYYMMDD (a day from 2000 to 2100)');
    dtstart = match[2];
  }
  const ruleLine = lines[lines.length - 1].replace(/^RRULE:/, '');
  const parts = new Map<string, string>();
  for (const part of ruleLine.split(';').filter(Boolean)) {
    const [key, value, ...rest] = part.split('=');
    if (!key || value === undefined || rest.length > 0) throw bad(`"${part.slice(0, 30)}" is not KEY=value`);
    if (parts.has(key)) throw bad(`${key} given twice`);
    checkPart(key, value);
    parts.set(key, value);
  }
  if (!parts.has('FREQ')) throw bad('FREQ is required');
  if (parts.has('UNTIL') && parts.has('COUNT')) throw bad('UNTIL or COUNT, not both');
  if (parts.get('FREQ') === 'WEEKLY' && !parts.has('BYDAY')) throw bad('a weekly rule names its weekdays (BYDAY=WE)');
  if (parts.get('FREQ') === 'MONTHLY' && !parts.has('BYDAY') && !parts.has('BYMONTHDAY')) throw bad('a monthly rule names its day (BYDAY=2SA or BYMONTHDAY=15)');
  if (parts.get('FREQ') === 'WEEKLY' && [...(parts.get('BYDAY') ?? '').split(',')].some((d) => /\d/.test(d))) throw bad('a weekly rule takes plain weekdays (MO, not 2MO)');
  if (!dtstart && (Number(parts.get('INTERVAL') ?? 1) > 1 || parts.has('COUNT'))) throw bad('a rule with INTERVAL above 1 or COUNT needs its first day: DTSTART:YYYYMMDD on the line before');
  const rule = dtstart ? rrulestr(`DTSTART:${dtstart.length === 8 ? `${dtstart}T000000Z` : dtstart}\nRRULE:${ruleLine}`) : new RRule(RRule.parseString(ruleLine));
  return { text: canonicalText(rule), rule: rule as RRuleType };
}

/** The text stored and answered: rrule's own serialisation, without the `RRULE:` prefix when there is no DTSTART. */
function canonicalText(rule: RRuleType): string {
  const { dtstart, ...rest } = rule.origOptions;
  const line = RRule.optionsToString(rest as Partial<Options>).replace(/^RRULE:/, '');
  if (!dtstart) return line;
  const day = dtstart.toISOString().slice(0, 10).replace(/-/g, '');
  return `DTSTART:${day}\nRRULE:${line}`;
}

const WEEKDAY_JA = ['月', '火', '水', '木', '金', '土', '日'] as const;

function weekdayList(days: RWeekday[]): string {
  return days.map((d) => WEEKDAY_JA[d.weekday]).join('・') + '曜';
}

/** The n-th weekday in Japanese: 第2土曜, 最終金曜, 最後から2番目の金曜. */
function nthWeekday(day: RWeekday): string {
  const name = `${WEEKDAY_JA[day.weekday]}曜`;
  if (!day.n) return `毎${name}`;
  if (day.n === -1) return `最終${name}`;
  if (day.n < 0) return `最後から${-day.n}番目の${name}`;
  return `第${day.n}${name}`;
}

function monthDay(day: number): string {
  return day === -1 ? '末日' : day < 0 ? `末日の${-day - 1}日前` : `${day}日`;
}

function hours(opensAt?: string | null, closesAt?: string | null): string {
  if (opensAt && closesAt) return ` ${opensAt}–${closesAt}`;
  if (opensAt) return ` ${opensAt}から`;
  if (closesAt) return ` ${closesAt}まで`;
  return '';
}

function ymdJa(date: Date): string {
  return `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
}

/**
 * The rule in Japanese, with its hours: 毎週水曜 15:00–18:00, 隔週水曜, 毎月第2土曜,
 * 毎月第1・第3水曜, 毎月15日, 毎月最終金曜（2027年3月31日まで）.
 */
export function describeRuleJa(parsed: ParsedRule, opensAt?: string | null, closesAt?: string | null): string {
  const o = parsed.rule.origOptions;
  const interval = o.interval ?? 1;
  const days = ([] as Array<RWeekday | number>).concat((o.byweekday as RWeekday | RWeekday[] | undefined) ?? []).map((d) => (typeof d === 'number' ? new lib.Weekday(d) : d));
  const monthDays = ([] as number[]).concat(o.bymonthday ?? []);
  let text: string;
  if (o.freq === RRule.WEEKLY) {
    const every = interval === 1 ? '毎週' : interval === 2 ? '隔週' : `${interval}週ごとの`;
    text = every + weekdayList(days);
  } else {
    const every = interval === 1 ? '毎月' : `${interval}か月ごとの`;
    const nth = days.filter((d) => d.n);
    const plain = days.filter((d) => !d.n);
    const sameDay = nth.length > 1 && nth.every((d) => d.weekday === nth[0].weekday);
    const nthText = sameDay ? `${nth.map((d) => (d.n === -1 ? '最終' : `第${d.n}`)).join('・')}${WEEKDAY_JA[nth[0].weekday]}曜` : nth.map(nthWeekday).join('・');
    const pieces = [nthText, plain.length ? `毎${weekdayList(plain)}` : '', monthDays.map(monthDay).join('・')].filter(Boolean);
    text = every + pieces.join('・');
  }
  if (o.until) text += `（${ymdJa(o.until)}まで）`;
  if (o.count) text += `（全${o.count}回）`;
  return text + hours(opensAt, closesAt);
}

/** The weekdays a rule falls on by its BYDAY (a rule by day of the month falls on none in particular). */
export function weekdaysOf(parsed: ParsedRule): Weekday[] {
  const days = ([] as Array<RWeekday | number>).concat((parsed.rule.origOptions.byweekday as RWeekday | RWeekday[] | undefined) ?? []);
  const set = new Set(days.map((d) => (typeof d === 'number' ? d : d.weekday)));
  return WEEKDAYS.filter((_, i) => set.has(i));
}

const JST_MS = 9 * 3600_000;

/**
 * The week (Monday to Sunday, Japan time) that `now` falls in, as "floating" dates: rrule works
 * on wall-clock times written in UTC fields, so a Japanese Monday 00:00 is `…T00:00:00Z`.
 */
export function weekOf(now: Date): { start: Date; end: Date } {
  const local = new Date(now.getTime() + JST_MS);
  const day = (local.getUTCDay() + 6) % 7;
  const start = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - day));
  return { start, end: new Date(start.getTime() + 7 * 86400_000) };
}

/**
 * The days the rule falls on from `start` (inclusive) to `end` (exclusive). Without a DTSTART
 * the rule is anchored a month before `start`, which is exact for the rules parseRule lets
 * through without one (interval 1, no COUNT).
 */
export function occurrencesBetween(parsed: ParsedRule, start: Date, end: Date): Date[] {
  const o = parsed.rule.origOptions;
  const rule = o.dtstart ? new RRule({ ...o, dtstart: anchorNear(o, start) }) : new RRule({ ...o, dtstart: new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - 1, 1)) });
  return rule.between(start, end, true).filter((d) => d < end);
}

/**
 * The rule's DTSTART moved forward by whole periods (INTERVAL weeks or months) to just before
 * `start`: the same days follow, and rrule no longer walks every period since the first day
 * (隔週 from 2000 was 1,300 steps a query). A COUNT counts from the first day, so it stays.
 */
function anchorNear(o: Partial<Options>, start: Date): Date {
  const first = o.dtstart!;
  const interval = o.interval ?? 1;
  if (o.count || first >= start) return first;
  if (o.freq === RRule.WEEKLY) {
    const period = interval * 7 * 86400_000;
    const k = Math.floor((start.getTime() - first.getTime()) / period) - 1;
    return k > 0 ? new Date(first.getTime() + k * period) : first;
  }
  const months = (start.getUTCFullYear() - first.getUTCFullYear()) * 12 + start.getUTCMonth() - first.getUTCMonth();
  const k = Math.floor(months / interval) - 1;
  // The first of the month: a monthly rule names its days by BYDAY or BYMONTHDAY, and day 31 must not roll over.
  return k > 0 ? new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + k * interval, 1)) : first;
}

/** Whether the rule has a day in the week (Monday to Sunday, Japan time) of `now`. */
export function isOpenThisWeek(parsed: ParsedRule, now: Date): boolean {
  const { start, end } = weekOf(now);
  return occurrencesBetween(parsed, start, end).length > 0;
}

/** A stored rule, or null when it no longer parses (decoded tolerantly: an entry never fails a page). */
export function readStoredRule(text: string | null): ParsedRule | null {
  if (!text) return null;
  try {
    return parseRule(text);
  } catch {
    return null;
  }
}
