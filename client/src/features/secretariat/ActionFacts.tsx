import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RegisterEntry } from '../../api/secretariat';
import { useDates } from './format';

/** "Overdue", as an icon and a word, never by colour alone. */
export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge-overdue">
      <span aria-hidden="true">⚠ </span>
      {t('register.overdue')}
    </span>
  );
}

/** An action's owner, due date, source session (its report) and source cards, and its dated progress notes. */
export function ActionFacts({ entry, notesHeadingLevel = 4 }: { entry: RegisterEntry; notesHeadingLevel?: 3 | 4 }) {
  const { t } = useTranslation();
  const NotesHeading = `h${notesHeadingLevel}` as const;
  const dates = useDates();
  const owner = [entry.ownerOrganization, entry.ownerPerson].filter(Boolean).join(' ');
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t('register.owner')}</dt>
          <dd>{owner || t('register.noOwner')}</dd>
        </div>
        <div>
          <dt>{t('export.due')}</dt>
          <dd>
            {entry.dueDate ? dates.day(entry.dueDate) : t('register.noDue')}
            {entry.overdue && (
              <>
                {' '}
                <OverdueBadge />
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('register.source')}</dt>
          <dd>
            <Link to={`/secretariat/sessions/${entry.sessionId}/report`}>{entry.sessionTitle}</Link> <span className="muted">{dates.shortDay(entry.sessionHeldOn)}</span>
          </dd>
        </div>
        {entry.decision && (
          <div>
            <dt>{t('export.decisions')}</dt>
            <dd>{entry.decision}</dd>
          </div>
        )}
        {entry.sources.length > 0 && (
          <div>
            <dt>{t('register.sources')}</dt>
            <dd>
              <ul className="source-list">
                {entry.sources.map((s) => (
                  <li key={`${s.room}:${s.id}`}>{s.label}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      <NotesHeading className="notes-heading">{t('register.notes')}</NotesHeading>
      {entry.notes.length === 0 ? (
        <p className="muted">{t('register.noNotes')}</p>
      ) : (
        <ol className="note-list">
          {entry.notes.map((n) => (
            <li key={n.id}>
              <time dateTime={n.createdAt}>{dates.moment(n.createdAt)}</time> {n.note}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
