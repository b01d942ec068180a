import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ActionChange, clerkApi, type RegisterRow } from '../../api/clerk';
import { secretariatApi } from '../../api/secretariat';
import { useAction } from '../../app/use-action';
import { LiveMessage } from '../../components/LiveMessage';
import { ActionFacts } from './ActionFacts';
import { useDates } from './format';
import { useLabels } from './labels';

/** A history entry's value in words: a status by its label, a date as a date, nothing as （なし）. */
export function useChangeText() {
  const { t } = useTranslation();
  const labels = useLabels();
  const dates = useDates();
  const value = (c: ActionChange, v: string | null) => {
    if (v === null || v === '') return t('register.emptyValue');
    if (c.field === 'status') return labels.actionStatus(v as Parameters<typeof labels.actionStatus>[0]);
    if (c.field === 'dueDate') return dates.shortDay(v);
    return v;
  };
  return (c: ActionChange) => t('register.change', { field: t(`register.field.${c.field}`), from: value(c, c.from), to: value(c, c.to) });
}

/** The opened row of the register: owner and due date edited, the history, sources, notes and a note form. */
export function RegisterDetails({ entry, onChange }: { entry: RegisterRow; onChange: () => void }) {
  const { t } = useTranslation();
  const dates = useDates();
  const changeText = useChangeText();
  const [form, setForm] = useState({ ownerOrganization: entry.ownerOrganization, ownerPerson: entry.ownerPerson, dueDate: entry.dueDate ?? '' });
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const edit = useAction();
  const noteAction = useAction();
  const id = `register-${entry.id}`;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await edit.run(
      () => clerkApi.patchAction(entry.id, { ownerOrganization: form.ownerOrganization.trim(), ownerPerson: form.ownerPerson.trim(), dueDate: form.dueDate || null }),
      () => t('register.saved', { title: entry.title }),
    );
    if (saved) onChange();
  };
  const addNote = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return setNoteMissing(true);
    const added = await noteAction.run(() => secretariatApi.addNote(entry.id, note.trim()), () => t('register.noteAdded'));
    if (!added) return;
    setNote('');
    onChange();
  };

  return (
    <article className="register-details stack" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{entry.title}</h3>
      <form className="register-edit" onSubmit={(e) => void save(e)} aria-label={t('register.editOf', { title: entry.title })}>
        <div className="field">
          <label htmlFor={`${id}-org`}>{t('register.column.owner_organization')}</label>
          <input id={`${id}-org`} type="text" maxLength={120} value={form.ownerOrganization} onChange={(e) => setForm({ ...form, ownerOrganization: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-person`}>{t('register.column.owner_person')}</label>
          <input id={`${id}-person`} type="text" maxLength={80} value={form.ownerPerson} onChange={(e) => setForm({ ...form, ownerPerson: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>{t('register.column.due_date')}</label>
          <input id={`${id}-due`} type="date" value={form.dueDate} onChange={(e) => setForm({ ...form, dueDate: e.target.value })} />
        </div>
        <button type="submit" className="button-primary" disabled={edit.busy}>
          {t('common.save')}
        </button>
      </form>
      <LiveMessage tone={edit.message?.tone}>{edit.message?.text}</LiveMessage>
      <h4>{t('register.history')}</h4>
      {entry.history.length === 0 ? (
        <p className="muted">{t('register.noHistory')}</p>
      ) : (
        <ol className="note-list">
          {entry.history.map((c, i) => (
            <li key={`${c.at}-${c.field}-${i}`}>
              {changeText(c)} <span className="muted">（{t('register.changeBy', { by: c.by, date: dates.moment(c.at) })}）</span>
            </li>
          ))}
        </ol>
      )}
      <ActionFacts entry={entry} />
      <form className="stack note-form" onSubmit={(e) => void addNote(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('register.noteLabel', { title: entry.title })}</label>
          <textarea
            id={`${id}-note`}
            rows={2}
            maxLength={2000}
            value={note}
            aria-invalid={noteMissing}
            onChange={(e) => {
              setNote(e.target.value);
              setNoteMissing(false);
            }}
          />
        </div>
        <LiveMessage tone={noteMissing ? 'error' : noteAction.message?.tone}>{noteMissing ? t('register.noteRequired') : noteAction.message?.text}</LiveMessage>
        <button type="submit" disabled={noteAction.busy}>
          {t('register.addNote')}
        </button>
      </form>
    </article>
  );
}
