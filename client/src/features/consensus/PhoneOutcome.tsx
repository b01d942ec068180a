import { useTranslation } from 'react-i18next';
import type { OutcomeState } from '../../../../shared/protocol';
import { formatDue } from './labels';

/** What the session decided and who does what next, for everyone's phone (read-only). */
export function PhoneOutcome({ outcome }: { outcome: OutcomeState }) {
  const { t, i18n } = useTranslation();
  if (outcome.decisions.length === 0 && outcome.actions.length === 0) return null;
  return (
    <section className="panel stack" aria-labelledby="phone-outcome-heading">
      <h2 id="phone-outcome-heading">{t('outcome.title')}</h2>
      {outcome.decisions.length > 0 && (
        <ol className="decision-list">
          {outcome.decisions.map((d) => (
            <li key={d.id} className="decision-text">
              {d.text}
            </li>
          ))}
        </ol>
      )}
      {outcome.actions.length > 0 && (
        <>
          <h3>{t('outcome.actions')}</h3>
          <ul className="action-list">
            {outcome.actions.map((a) => (
              <li key={a.id} className="outcome-row">
                <p className="decision-text">{a.title}</p>
                <p>
                  {t('outcome.actionLine', {
                    owner: [a.ownerOrganization, a.ownerPerson].filter(Boolean).join(' ') || t('register.noOwner'),
                    due: a.dueDate ? formatDue(a.dueDate, i18n.language) : t('register.noDue'),
                  })}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
