import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { paperSurveyApi } from '../../api/paper-survey';
import type { SessionReport } from '../../api/secretariat';
import { useAction } from '../../app/use-action';
import { LiveMessage } from '../../components/LiveMessage';
import { useQuestionText } from '../survey/question-text';
import { useDates } from './format';

/**
 * Paper survey sheets, typed in one by one after the session (never printed): they count as 紙
 * in 回収率 and in every question's figures. Also the number of sheets handed out, the paper
 * part of the response rate's denominator.
 */
export function PaperSurveyForm({ report, onChanged }: { report: SessionReport; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  const text = useQuestionText();
  const dates = useDates();
  const id = report.session.id;
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [sheets, setSheets] = useState(report.survey.paper.entered === null ? '' : String(report.survey.paper.entered));
  const { busy, message, run } = useAction();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const added = await run(() => paperSurveyApi.add(id, answers), () => t('report.paper.added'));
    if (added) {
      setAnswers({});
      await onChanged();
    }
  };
  const saveSheets = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      await paperSurveyApi.setSheets(id, sheets.trim() === '' ? null : Number(sheets));
      await onChanged();
    }, () => t('report.paper.sheetsSaved'));
  };
  const remove = (answerId: string) =>
    run(async () => {
      await paperSurveyApi.remove(id, answerId);
      await onChanged();
    }, () => t('report.paper.removed'));

  return (
    <section className="panel report-paper no-print stack" aria-labelledby="paper-heading">
      <h2 id="paper-heading">{t('report.paper.title')}</h2>
      <p className="hint">{t('report.paper.hint')}</p>
      <form className="stack" onSubmit={add} aria-label={t('report.paper.title')}>
        <div className="filter-grid">
          {report.survey.questions.map((q) => {
            const fieldId = `paper-${q.id}`;
            const choices = q.choices ?? [];
            return (
              <div className="field" key={q.id}>
                <label htmlFor={fieldId}>{text.title(q)}</label>
                {q.kind === 'text' || choices.length === 0 ? (
                  <textarea id={fieldId} maxLength={2000} rows={2} value={answers[q.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })} />
                ) : (
                  <select id={fieldId} value={answers[q.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })}>
                    <option value="">{t('report.paper.none')}</option>
                    {choices.map((c) => (
                      <option key={c} value={c}>
                        {text.choice(q, c)}
                      </option>
                    ))}
                  </select>
                )}
              </div>
            );
          })}
        </div>
        <button type="submit" className="button-primary" disabled={busy}>
          {t('report.paper.add')}
        </button>
      </form>
      <form className="button-row" onSubmit={saveSheets}>
        <div className="field">
          <label htmlFor="paper-sheets">{t('report.paper.sheets')}</label>
          <input id="paper-sheets" type="number" min={0} inputMode="numeric" value={sheets} onChange={(e) => setSheets(e.target.value)} aria-describedby="paper-sheets-hint" />
          <span id="paper-sheets-hint" className="hint">
            {t('report.paper.sheetsHint')}
          </span>
        </div>
        <button type="submit" disabled={busy}>
          {t('report.paper.saveSheets')}
        </button>
      </form>
      <LiveMessage tone={message?.tone}>{message?.text}</LiveMessage>
      {report.survey.paper.entries.length > 0 && (
        <details>
          <summary>{t('report.paper.entries', { count: report.survey.paper.entries.length })}</summary>
          <ul className="download-list">
            {report.survey.paper.entries.map((entry) => (
              <li key={entry.id}>
                {t('report.paper.entry', { when: dates.moment(entry.submittedAt) })}{' '}
                <button type="button" className="button-quiet" disabled={busy} onClick={() => remove(entry.id)}>
                  {t('report.paper.remove')}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
