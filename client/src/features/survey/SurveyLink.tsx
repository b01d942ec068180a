import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import './survey.css';

/** A big link from the participant's board to the closing survey of the session. */
export function SurveyLink({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  return (
    <Link to={`/s/${encodeURIComponent(sessionId)}/survey`} className="survey-link">
      <span aria-hidden="true">✎ </span>
      {t('surveyForm.link')}
    </Link>
  );
}
