import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { answersOf, type SurveyQuestion } from '../../../../shared/survey';
import { secretariatApi, type SurveyView } from '../../api/secretariat';
import { useAction } from '../../app/use-action';
import { LiveMessage } from '../../components/LiveMessage';
import { JoinedGate } from '../participant/JoinedGate';
import type { StoredJoin } from '../participant/joins';
import { useQuestionText } from './question-text';
import './survey.css';

/** The longest free-text answer the server takes. */
const TEXT_MAX = 2000;

/** `/s/:sessionId/survey`: the closing survey on the participant's phone, with the token this phone joined with. */
export function SurveyPage() {
  const { sessionId = '' } = useParams();
  return (
    <JoinedGate sessionId={sessionId} load={(join) => secretariatApi.getSurvey(sessionId, join.token)}>
      {(join, survey) => <SurveyForm join={join} survey={survey} />}
    </JoinedGate>
  );
}

function SurveyForm({ join, survey }: { join: StoredJoin; survey: SurveyView }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Record<string, string>>(survey.answers ?? {});
  const [sent, setSent] = useState(false);
  const [empty, setEmpty] = useState(false);
  const { busy, message, run, setMessage } = useAction();
  const answeredBefore = survey.answers !== null;
  // Once anything was sent, the button says that sending again replaces it.
  const [sentOnce, setSentOnce] = useState(answeredBefore);

  const change = (id: string, value: string) => {
    setAnswers((current) => ({ ...current, [id]: value }));
    setSent(false);
    setEmpty(false);
    setMessage(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // An all-empty answer would still count as a response in the 回収率.
    if (!Object.values(answers).some((value) => value.trim() !== '')) return setEmpty(true);
    const done = await run(() => secretariatApi.answerSurvey(join.sessionId, join.token, answers).then(() => true));
    if (!done) return;
    setSent(true);
    setSentOnce(true);
  };

  return (
    <div className="stack narrow survey phone-page">
      <Link to={`/s/${encodeURIComponent(join.sessionId)}`}>{t('surveyForm.backToBoard')}</Link>
      <h1>
        {t('surveyForm.title')}
        <span className="tagline">{join.title}</span>
      </h1>
      {!survey.open && <p className="message message-error">{t('surveyForm.closed')}</p>}
      {survey.open && <p>{answeredBefore ? t('surveyForm.previous') : t('surveyForm.intro')}</p>}
      <form className="stack" onSubmit={submit} noValidate>
        <fieldset className="survey-questions" disabled={!survey.open}>
          {survey.questions.map((question) => (
            <QuestionField key={question.id} question={question} theme={survey.theme ?? ''} value={answers[question.id] ?? ''} onChange={(value) => change(question.id, value)} />
          ))}
        </fieldset>
        <LiveMessage tone="error">{empty ? t('surveyForm.empty') : message?.tone === 'error' ? message.text : null}</LiveMessage>
        <div role="status" className={sent ? 'message survey-sent' : 'message-empty'}>
          {sent && (
            <>
              <strong>
                <span aria-hidden="true">✓ </span>
                {t('surveyForm.sent')}
              </strong>
              <span>{t('surveyForm.sentHint')}</span>
            </>
          )}
        </div>
        {survey.open && (
          <button type="submit" className="button-primary button-big" disabled={busy}>
            {sentOnce ? t('surveyForm.resend') : t('surveyForm.send')}
          </button>
        )}
      </form>
    </div>
  );
}

function QuestionField({ question, theme, value, onChange }: { question: SurveyQuestion; theme: string; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const text = useQuestionText();
  const id = `survey-${question.id}`;
  if (question.kind === 'text') {
    return (
      <div className="field survey-question">
        <label htmlFor={id}>{text.title(question, theme)}</label>
        <textarea id={id} rows={5} maxLength={TEXT_MAX} value={value} aria-describedby={`${id}-count`} onChange={(e) => onChange(e.target.value)} />
        <p id={`${id}-count`} className="hint">
          {t('surveyForm.textCount', { count: value.length, max: TEXT_MAX })}
        </p>
      </div>
    );
  }
  return (
    <fieldset className="choice-group survey-question survey-choices">
      <legend>{text.title(question, theme)}</legend>
      {answersOf(question).map((choice) => (
        <label key={choice} className="choice survey-choice">
          <input type="radio" name={id} value={choice} checked={value === choice} onChange={() => onChange(choice)} />
          {text.choice(question, choice)}
        </label>
      ))}
    </fieldset>
  );
}
