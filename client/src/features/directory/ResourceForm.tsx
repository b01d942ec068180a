import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RESOURCE_STATUSES, type ResourceInput, type ResourceStatus, type ResourceView, type ScheduleInput, type Taxonomy } from '../../api/directory';
import { useAction } from '../../app/use-action';
import { LiveMessage } from '../../components/LiveMessage';
import { useDirectoryLabels } from './labels';
import { splitList } from './OrganizationFormPage';
import { SchedulePicker } from './SchedulePicker';

type Texts = Record<'name' | 'description' | 'address' | 'fees' | 'capacity' | 'howToApply' | 'contact' | 'districts', string>;

/** The schedule as the picker edits it: hours the server gave as null are left out. */
function scheduleOf(resource: ResourceView | null): ScheduleInput | null {
  const s = resource?.schedule;
  return s ? { rrule: s.rrule, ...(s.opensAt ? { opensAt: s.opensAt } : {}), ...(s.closesAt ? { closesAt: s.closesAt } : {}) } : null;
}

function textsOf(resource: ResourceView | null): Texts {
  return {
    name: resource?.name ?? '',
    description: resource?.description ?? '',
    address: resource?.address ?? '',
    fees: resource?.fees ?? '',
    capacity: resource?.capacity == null ? '' : String(resource.capacity),
    howToApply: resource?.howToApply ?? '',
    contact: resource?.contact ?? '',
    districts: '',
  };
}

/** Labels offered as ticks, with any the entry already has that the space no longer lists. */
function Ticks({ legend, options, chosen, onChange }: { legend: string; options: string[]; chosen: string[]; onChange: (next: string[]) => void }) {
  const all = [...options, ...chosen.filter((c) => !options.includes(c))];
  return (
    <fieldset className="choice-row">
      <legend>{legend}</legend>
      {all.map((label) => (
        <label key={label} className="choice-inline">
          <input type="checkbox" checked={chosen.includes(label)} onChange={(e) => onChange(e.target.checked ? [...chosen, label] : chosen.filter((c) => c !== label))} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * One social resource's form (the secretariat's, and the member's behind its update link):
 * what it is, for whom, where and when, and whether it is published.
 */
export function ResourceForm({ resource, taxonomy, submitLabel, onSubmit }: { resource: ResourceView | null; taxonomy: Taxonomy; submitLabel: string; onSubmit: (input: ResourceInput) => Promise<unknown> }) {
  const { t } = useTranslation();
  const id = useId();
  const labels = useDirectoryLabels();
  const [texts, setTexts] = useState<Texts>(() => textsOf(resource));
  const [categories, setCategories] = useState<string[]>(resource?.categories ?? []);
  const [audiences, setAudiences] = useState<string[]>(resource?.audiences ?? []);
  const [districts, setDistricts] = useState<string[]>(resource?.districts ?? []);
  const [schedule, setSchedule] = useState<ScheduleInput | null>(() => scheduleOf(resource));
  const [status, setStatus] = useState<ResourceStatus>(resource?.status ?? 'active');
  const [published, setPublished] = useState(resource?.published ?? false);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!categories.length || !audiences.length) {
      action.setMessage({ tone: 'error', text: t('dir.res.pickOne') });
      return;
    }
    // An emptied field is sent empty, so an edit clears it.
    const clean = (s: string) => s.trim();
    const input: ResourceInput = {
      name: texts.name.trim(),
      description: clean(texts.description),
      categories,
      audiences,
      // The space's districts are ticked; one it does not list yet is typed (the server adds it).
      districts: [...new Set([...districts, ...splitList(texts.districts)])],
      schedule,
      address: clean(texts.address),
      fees: clean(texts.fees),
      capacity: texts.capacity.trim() ? Number(texts.capacity) : null,
      howToApply: clean(texts.howToApply),
      contact: clean(texts.contact),
      status,
      published,
    };
    await action.run(() => onSubmit(input), () => t('dir.res.saved', { name: input.name }));
  };
  const field = (key: keyof Texts, label: string, multiline = false, hint?: string, extra: Record<string, unknown> = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {multiline ? (
        <textarea id={`${id}-${key}`} rows={3} maxLength={2000} value={texts[key]} onChange={(e) => setTexts({ ...texts, [key]: e.target.value })} />
      ) : (
        <input id={`${id}-${key}`} maxLength={300} required={key === 'name'} value={texts[key]} onChange={(e) => setTexts({ ...texts, [key]: e.target.value })} aria-describedby={hint ? `${id}-${key}-hint` : undefined} {...extra} />
      )}
      {hint && (
        <p id={`${id}-${key}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
  return (
    <form className="stack resource-form" onSubmit={submit}>
      {field('name', t('dir.res.name'))}
      {field('description', t('dir.res.description'), true)}
      <Ticks legend={t('dir.res.categories')} options={taxonomy.categories} chosen={categories} onChange={setCategories} />
      <Ticks legend={t('dir.res.audiences')} options={taxonomy.audiences} chosen={audiences} onChange={setAudiences} />
      {taxonomy.districts.length + districts.length > 0 && <Ticks legend={t('dir.res.districts')} options={taxonomy.districts} chosen={districts} onChange={setDistricts} />}
      {field('districts', taxonomy.districts.length + districts.length > 0 ? t('dir.res.otherDistricts') : t('dir.res.districts'), false, t('dir.listHint'))}
      <SchedulePicker value={schedule} onChange={setSchedule} />
      {field('address', t('dir.res.address'))}
      {field('fees', t('dir.res.fees'))}
      {field('capacity', t('dir.res.capacity'), false, t('dir.res.capacityHint'), { type: 'number', min: 0, max: 100000, inputMode: 'numeric' })}
      {field('howToApply', t('dir.res.howToApply'), true)}
      {field('contact', t('dir.res.contact'))}
      <fieldset className="choice-row">
        <legend>{t('dir.res.status')}</legend>
        {RESOURCE_STATUSES.map((s) => (
          <label key={s} className="choice-inline">
            <input type="radio" name={`${id}-status`} checked={status === s} onChange={() => setStatus(s)} />
            {labels.status(s)}
          </label>
        ))}
      </fieldset>
      <label className="choice-inline">
        <input type="checkbox" checked={published} onChange={(e) => setPublished(e.target.checked)} />
        {t('dir.res.published')}
      </label>
      <button type="submit" className="button-primary" disabled={action.busy}>
        {submitLabel}
      </button>
      <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
    </form>
  );
}
