import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { secretariatApi } from '../../api/secretariat';
import { clerkApi } from '../../api/clerk';
import { useChangeText } from './RegisterDetails';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { ActionFacts } from './ActionFacts';
import { useDates } from './format';
import { useLabels } from './labels';
import { SecretariatNav } from './SecretariatNav';
import './secretariat.css';

/**
 * `/secretariat/sessions/:id/since-last`: for the start of a session, the previous session of
 * the same working group and the actions agreed until then, changed ones first.
 */
export function SinceLastPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const dates = useDates();
  const labels = useLabels();
  const changeText = useChangeText();
  const { id = '' } = useParams();
  const [loaded] = useLoad(async () => {
    const [session, since] = await Promise.all([secretariatApi.getSession(id), clerkApi.sinceLast(id)]);
    return { session, since };
  }, [id]);

  if (loaded.state === 'loading') return <p>{t('common.loading')}</p>;
  if (loaded.state === 'failed') {
    return (
      <div className="stack">
        <SecretariatNav />
        <LiveMessage tone="error">{errorText(loaded.error)}</LiveMessage>
      </div>
    );
  }
  const { session, since } = loaded.value;
  // Changed ones first; otherwise the register's order.
  const actions = [...since.actions].sort((a, b) => Number(b.changedSince) - Number(a.changedSince));
  const changed = actions.filter((a) => a.changedSince).length;
  return (
    <div className="stack secretariat">
      <SecretariatNav />
      <h1>
        {t('secretariat.sinceTitle')}
        <span className="tagline">{t('secretariat.sinceFor', { title: session.title })}</span>
      </h1>
      {since.previous ? (
        <p>
          <Link to={`/secretariat/sessions/${since.previous.id}/report`}>
            {t('secretariat.sincePrevious', { title: since.previous.title, date: dates.shortDay(since.previous.heldOn) })}
          </Link>
        </p>
      ) : (
        <p className="muted">{t('secretariat.sinceNone')}</p>
      )}
      {actions.length === 0 ? (
        <p className="muted">{t('secretariat.sinceNoActions')}</p>
      ) : (
        <>
          <p className="report-headline">{t('secretariat.sinceChangedCount', { count: changed })}</p>
          <ul className="register-list">
            {actions.map((entry) => (
              <li key={entry.id}>
                <article className={entry.overdue ? 'panel register-entry register-overdue' : 'panel register-entry'} aria-labelledby={`since-${entry.id}`}>
                  <div className="title-row">
                    <h2 id={`since-${entry.id}`} className="since-title">
                      {entry.title}
                    </h2>
                    <span className={entry.changedSince ? 'badge-changed' : 'muted'}>
                      {entry.changedSince && <span aria-hidden="true">★ </span>}
                      {entry.changedSince ? t('secretariat.changed') : t('secretariat.unchanged')}
                    </span>
                  </div>
                  {(entry.changes.length > 0 || entry.newNotes > 0) && (
                    <ul className="since-changes">
                      {entry.changes.map((c, i) => (
                        <li key={`${c.at}-${c.field}-${i}`}>
                          {changeText(c)} <span className="muted">（{t('register.changeBy', { by: c.by, date: dates.moment(c.at) })}）</span>
                        </li>
                      ))}
                      {entry.newNotes > 0 && <li>{t('secretariat.sinceNewNotes', { count: entry.newNotes })}</li>}
                    </ul>
                  )}
                  <p>
                    <strong>{t('export.status')}:</strong> {labels.actionStatus(entry.status)}
                  </p>
                  <ActionFacts entry={entry} notesHeadingLevel={3} />
                </article>
              </li>
            ))}
          </ul>
        </>
      )}
      <Link to={`/secretariat/sessions/${session.id}/report`}>{t('secretariat.reportLink', { title: session.title })}</Link>
    </div>
  );
}
