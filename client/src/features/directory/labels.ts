import { useTranslation } from 'react-i18next';
import { MEMBERSHIP_KINDS, RESOURCE_STATUSES, type ScheduleInput, type ScheduleView } from '../../api/directory';
import { parseRule, type Weekday } from './schedule';

/** A schedule as the form holds it, or as the server answers it (with its Japanese text). */
export type AnySchedule = ScheduleInput | (Omit<ScheduleView, 'opensAt' | 'closesAt'> & { opensAt?: string | null; closesAt?: string | null });

/** The words of the directory screens for ids and schedules, in the UI language. */
export function useDirectoryLabels() {
  const { t, i18n } = useTranslation();
  const weekday = (day: Weekday) => t(`dir.weekday.${day}`);
  const hours = (s: AnySchedule) =>
    s.opensAt && s.closesAt ? t('dir.schedule.hours', { from: s.opensAt, to: s.closesAt }) : s.opensAt ? t('dir.schedule.from', { from: s.opensAt }) : s.closesAt ? t('dir.schedule.until', { to: s.closesAt }) : '';
  /**
   * 毎週水曜 15:00–18:00 / 毎月第2土曜. In Japanese the server's rendering when it came with the
   * entry (it reads every rule it stores); else the picker's two forms in words, or the rule itself.
   */
  const schedule = (value: AnySchedule | null | undefined) => {
    if (!value?.rrule) return t('dir.schedule.none');
    if (i18n.language === 'ja' && 'textJa' in value && value.textJa) return value.textJa;
    const parsed = parseRule(value.rrule);
    const rule = !parsed
      ? t('dir.schedule.other', { rule: value.rrule })
      : parsed.kind === 'weekly'
        ? t('dir.schedule.weekly', { days: parsed.days.map(weekday).join(t('dir.daySeparator')) })
        : t('dir.schedule.monthly', { nth: t(`dir.nth.${parsed.nth}`), day: weekday(parsed.day) });
    const time = hours(value);
    return time ? t('dir.schedule.withHours', { rule, hours: time }) : rule;
  };
  return {
    membership: (kind: string) => ((MEMBERSHIP_KINDS as readonly string[]).includes(kind) ? t(`dir.membership.${kind as (typeof MEMBERSHIP_KINDS)[number]}`) : kind),
    status: (status: string) => ((RESOURCE_STATUSES as readonly string[]).includes(status) ? t(`dir.status.${status as (typeof RESOURCE_STATUSES)[number]}`) : status),
    weekday,
    /** 月曜 / Monday: a weekday on its own (the facet's choices). */
    weekdayName: (day: Weekday) => t(`dir.weekdayName.${day}`),
    schedule,
    /** A list of labels as one phrase: 居場所、食事・食料. */
    list: (items: string[] | undefined) => (items && items.length ? items.join(t('dir.listSeparator')) : t('dir.none')),
  };
}
