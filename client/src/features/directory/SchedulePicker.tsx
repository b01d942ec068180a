import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleInput } from '../../api/directory';
import { useDirectoryLabels } from './labels';
import { NTHS, type Nth, parseRule, type Recurrence, ruleOf, type Weekday, WEEKDAYS } from './schedule';

type Kind = 'none' | 'weekly' | 'monthly' | 'other';

/**
 * When a resource opens: weekly on some weekdays or monthly on the n-th weekday, and its hours.
 * It makes an RFC 5545 rule and shows it in words as it is picked. A rule it cannot show (from
 * another system) is kept as it is until another kind is chosen.
 */
export function SchedulePicker({ value, onChange }: { value: ScheduleInput | null; onChange: (value: ScheduleInput | null) => void }) {
  const { t } = useTranslation();
  const labels = useDirectoryLabels();
  const id = useId();
  const parsed = value?.rrule ? parseRule(value.rrule) : null;
  const kind: Kind = !value?.rrule ? 'none' : (parsed?.kind ?? 'other');
  const hours = { opensAt: value?.opensAt, closesAt: value?.closesAt };
  const set = (recurrence: Recurrence, extra = hours) => onChange({ rrule: ruleOf(recurrence), ...clean(extra) });
  const chooseKind = (next: Kind) => {
    if (next === 'none') onChange(null);
    else if (next === 'weekly') set({ kind: 'weekly', days: parsed?.kind === 'monthly' ? [parsed.day] : ['WE'] });
    else if (next === 'monthly') set({ kind: 'monthly', nth: 1, day: parsed?.kind === 'weekly' ? (parsed.days[0] ?? 'SA') : 'SA' });
  };
  const toggleDay = (day: Weekday, on: boolean) => {
    if (parsed?.kind !== 'weekly') return;
    const days = on ? [...parsed.days, day] : parsed.days.filter((d) => d !== day);
    // A weekly rule needs one day at least: the last one stays ticked.
    if (days.length) set({ kind: 'weekly', days });
  };
  const kinds: Kind[] = kind === 'other' ? ['none', 'weekly', 'monthly', 'other'] : ['none', 'weekly', 'monthly'];
  return (
    <fieldset className="stack schedule-picker">
      <legend>{t('dir.res.schedule')}</legend>
      <div className="choice-row" role="radiogroup" aria-label={t('dir.schedulePicker.kind')}>
        {kinds.map((k) => (
          <label key={k} className="choice-inline">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} disabled={k === 'other'} onChange={() => chooseKind(k)} />
            {t(`dir.schedulePicker.${k}`)}
          </label>
        ))}
      </div>
      {parsed?.kind === 'weekly' && (
        <fieldset className="choice-row">
          <legend>{t('dir.schedulePicker.days')}</legend>
          {WEEKDAYS.map((day) => (
            <label key={day} className="choice-inline">
              <input type="checkbox" checked={parsed.days.includes(day)} onChange={(e) => toggleDay(day, e.target.checked)} />
              {labels.weekdayName(day)}
            </label>
          ))}
        </fieldset>
      )}
      {parsed?.kind === 'monthly' && (
        <div className="choice-row">
          <div className="field">
            <label htmlFor={`${id}-nth`}>{t('dir.schedulePicker.nth')}</label>
            <select id={`${id}-nth`} value={parsed.nth} onChange={(e) => set({ ...parsed, nth: Number(e.target.value) as Nth })}>
              {NTHS.map((n) => (
                <option key={n} value={n}>
                  {t(`dir.nth.${n}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-day`}>{t('dir.schedulePicker.day')}</label>
            <select id={`${id}-day`} value={parsed.day} onChange={(e) => set({ ...parsed, day: e.target.value as Weekday })}>
              {WEEKDAYS.map((day) => (
                <option key={day} value={day}>
                  {labels.weekdayName(day)}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {value?.rrule && (
        <div className="choice-row">
          <div className="field">
            <label htmlFor={`${id}-opens`}>{t('dir.schedulePicker.opensAt')}</label>
            <input id={`${id}-opens`} type="time" value={value.opensAt ?? ''} onChange={(e) => onChange({ rrule: value.rrule, ...clean({ ...hours, opensAt: e.target.value }) })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-closes`}>{t('dir.schedulePicker.closesAt')}</label>
            <input id={`${id}-closes`} type="time" value={value.closesAt ?? ''} onChange={(e) => onChange({ rrule: value.rrule, ...clean({ ...hours, closesAt: e.target.value }) })} />
          </div>
        </div>
      )}
      <p className="schedule-text" aria-live="polite">
        {t('dir.schedulePicker.shown', { text: labels.schedule(value) })}
      </p>
    </fieldset>
  );
}

/** Hours left empty are not sent. */
function clean(hours: { opensAt?: string; closesAt?: string }): { opensAt?: string; closesAt?: string } {
  return { ...(hours.opensAt ? { opensAt: hours.opensAt } : {}), ...(hours.closesAt ? { closesAt: hours.closesAt } : {}) };
}
