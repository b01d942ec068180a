import { describe, expect, it } from 'vitest';
import { describeRuleJa, isOpenThisWeek, occurrencesBetween, parseRule, weekdaysOf, weekOf } from '../../server/services/recurrence';

describe('recurrence rules', () => {
  it('round-trips rules through their stored text', () => {
    for (const rule of [
      'FREQ=WEEKLY;BYDAY=WE',
      'FREQ=MONTHLY;BYDAY=+2SA',
      'FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20270331T000000Z',
      'FREQ=MONTHLY;BYMONTHDAY=15',
      'FREQ=MONTHLY;BYDAY=+1WE,+3WE',
      'DTSTART:20260107\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE',
    ]) {
      const once = parseRule(rule);
      const twice = parseRule(once.text);
      expect(twice.text).toBe(once.text);
      expect(twice.rule.options.freq).toBe(once.rule.options.freq);
      expect(twice.rule.options.byweekday).toEqual(once.rule.options.byweekday);
      expect(twice.rule.options.bynweekday).toEqual(once.rule.options.bynweekday);
    }
    expect(parseRule('FREQ=MONTHLY;BYDAY=2SA').text).toBe('FREQ=MONTHLY;BYDAY=+2SA');
    expect(parseRule('RRULE:FREQ=WEEKLY;BYDAY=WE').text).toBe('FREQ=WEEKLY;BYDAY=WE');
  });

  it('renders rules in Japanese with their hours', () => {
    expect(describeRuleJa(parseRule('FREQ=WEEKLY;BYDAY=WE'), '15:00', '18:00')).toBe('毎週水曜 15:00–18:00');
    expect(describeRuleJa(parseRule('FREQ=MONTHLY;BYDAY=2SA'))).toBe('毎月第2土曜');
    expect(describeRuleJa(parseRule('FREQ=MONTHLY;BYDAY=1WE,3WE'), '10:00')).toBe('毎月第1・第3水曜 10:00から');
    expect(describeRuleJa(parseRule('FREQ=MONTHLY;BYDAY=-1FR'))).toBe('毎月最終金曜');
    expect(describeRuleJa(parseRule('FREQ=WEEKLY;BYDAY=MO,WE,FR'))).toBe('毎週月・水・金曜');
    expect(describeRuleJa(parseRule('FREQ=MONTHLY;BYMONTHDAY=15'))).toBe('毎月15日');
    expect(describeRuleJa(parseRule('DTSTART:20260107\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE'))).toBe('隔週水曜');
    expect(describeRuleJa(parseRule('FREQ=WEEKLY;BYDAY=TU;UNTIL=20270331'))).toBe('毎週火曜（2027年3月31日まで）');
  });

  it('refuses what the library would take silently', () => {
    for (const rule of ['FREQ=FOO', 'FREQ=WEEKLY;BYDAY=XX', 'FREQ=WEEKLY', 'FREQ=DAILY', 'BYDAY=WE', 'FREQ=WEEKLY;BYDAY=WE;FOO=1', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE', 'FREQ=MONTHLY;BYMONTHDAY=0', 'FREQ=WEEKLY;BYDAY=2WE', 'FREQ=WEEKLY;BYDAY=WE;BYDAY=TH', 'FREQ=WEEKLY;BYDAY=WE;UNTIL=20271399', 'DTSTART:20261301\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE', 'DTSTART:19000101\nRRULE:FREQ=WEEKLY;COUNT=9;BYDAY=WE', 'DTSTART:20260101\nRRULE:FREQ=WEEKLY;COUNT=5000;BYDAY=WE']) {
      expect(() => parseRule(rule), rule).toThrow(/schedule\.rrule/);
    }
  });

  it('gives the weekday facet and the days of this week in Japan time', () => {
    expect(weekdaysOf(parseRule('FREQ=MONTHLY;BYDAY=2SA'))).toEqual(['SA']);
    expect(weekdaysOf(parseRule('FREQ=WEEKLY;BYDAY=FR,MO'))).toEqual(['MO', 'FR']);
    expect(weekdaysOf(parseRule('FREQ=MONTHLY;BYMONTHDAY=15'))).toEqual([]);
    // Sunday 2026-12-06 23:30 UTC is Monday 12-07 08:30 in Japan: the week of 12-07.
    expect(weekOf(new Date('2026-12-06T23:30:00Z')).start.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    const now = new Date('2026-12-01T03:00:00Z'); // Tuesday; week 11-30 .. 12-06
    expect(occurrencesBetween(parseRule('FREQ=WEEKLY;BYDAY=WE'), weekOf(now).start, weekOf(now).end).map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-12-02']);
    // The second Saturday of December 2026 is the 12th: not this week, but next.
    expect(isOpenThisWeek(parseRule('FREQ=MONTHLY;BYDAY=2SA'), now)).toBe(false);
    expect(isOpenThisWeek(parseRule('FREQ=MONTHLY;BYDAY=2SA'), new Date('2026-12-08T03:00:00Z'))).toBe(true);
    // Every other Wednesday from 2026-01-07: 12-02 is 47 weeks later (odd), so off; 12-09 on.
    expect(isOpenThisWeek(parseRule('DTSTART:20260107\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE'), now)).toBe(false);
    expect(isOpenThisWeek(parseRule('DTSTART:20260107\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE'), new Date('2026-12-08T03:00:00Z'))).toBe(true);
    expect(isOpenThisWeek(parseRule('FREQ=WEEKLY;BYDAY=WE;UNTIL=20261130'), now)).toBe(false);
    // A first day decades back: the same days as rrule's own walk from that day (1404 weeks to 2026-12-02, even).
    const fortnightly = parseRule('DTSTART:20000105\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE');
    const iso = (dates: Date[]) => dates.map((d) => d.toISOString().slice(0, 10));
    const [from, to] = [new Date('2026-11-30T00:00:00Z'), new Date('2026-12-28T00:00:00Z')];
    expect(iso(occurrencesBetween(fortnightly, from, to))).toEqual(['2026-12-02', '2026-12-16']);
    expect(iso(occurrencesBetween(fortnightly, from, to))).toEqual(iso(fortnightly.rule.between(from, to, true).filter((d) => d < to)));
    // Every other month on the first Monday from January 2001: the odd months.
    const bimonthly = parseRule('DTSTART:20010101\nRRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO');
    const [m1, m2] = [new Date('2026-11-01T00:00:00Z'), new Date('2027-03-01T00:00:00Z')];
    expect(iso(occurrencesBetween(bimonthly, m1, m2))).toEqual(['2026-11-02', '2027-01-04']);
    expect(iso(occurrencesBetween(bimonthly, m1, m2))).toEqual(iso(bimonthly.rule.between(m1, m2, true).filter((d) => d < m2)));
  });
});
