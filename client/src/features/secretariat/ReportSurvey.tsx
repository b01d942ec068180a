import { useTranslation } from 'react-i18next';
import type { SessionReport, SurveyQuestionReport } from '../../api/secretariat';
import { useQuestionText } from '../survey/question-text';
import { BarChart } from './charts';
import { FigureTable } from './FigureTable';
import { useLabels } from './labels';
import { ReportSection } from './ReportSections';

/** The closing survey: response rate (回収率), then each question's percentages (chart and table) and the free comments. */
export function SurveySection({ report }: { report: SessionReport }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { invited, responses, responseRate, questions } = report.survey;
  return (
    <ReportSection id="survey" title={t('report.survey')} long>
      <p className="report-headline">{t('report.responseRate', { rate: labels.decimal(responseRate), responses, invited })}</p>
      {questions.map((q) => (q.kind !== 'text' ? <ChoiceQuestion key={q.id} question={q} theme={report.session.theme} /> : <TextQuestion key={q.id} question={q} theme={report.session.theme} />))}
    </ReportSection>
  );
}

function ChoiceQuestion({ question, theme }: { question: SurveyQuestionReport; theme: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const text = useQuestionText();
  const title = text.title(question, theme);
  const choices = question.choices ?? Object.keys(question.answers);
  const percentOf = (choice: string) => question.percent[choice] ?? 0;
  return (
    <div className="report-block stack">
      <h3>{title}</h3>
      <p>
        {t('report.answered', { count: question.answered })}
        {question.positivePercent !== null && (
          <>
            {t('secretariat.listSeparator')}
            <strong>{t('report.positive', { value: labels.decimal(question.positivePercent) })}</strong>
          </>
        )}
      </p>
      <div className="figure-pair">
        <BarChart
          label={t('secretariat.chartOf', { title, summary: labels.summary(choices.map((c) => [text.choice(question, c), labels.percent(percentOf(c))])) })}
          categories={choices.map((c) => text.choice(question, c))}
          series={[{ label: t('report.percent'), values: choices.map(percentOf) }]}
          horizontal
          percent
        />
        <FigureTable
          caption={title}
          columns={[t('report.choice'), t('report.count'), t('report.percent')]}
          rows={[
            ...choices.map((c) => ({ key: c, head: text.choice(question, c), cells: [question.answers[c] ?? 0, labels.percent(percentOf(c))] })),
            { key: 'total', head: t('export.total'), cells: [question.answered, labels.percent(question.answered > 0 ? 100 : 0)], total: true },
          ]}
        />
      </div>
    </div>
  );
}

function TextQuestion({ question, theme }: { question: SurveyQuestionReport; theme: string }) {
  const { t } = useTranslation();
  const text = useQuestionText();
  const texts = question.texts ?? [];
  return (
    <div className="report-block stack">
      <h3>{text.title(question, theme)}</h3>
      {texts.length === 0 ? (
        <p className="muted">{t('report.noComments')}</p>
      ) : (
        <ul className="comment-list">
          {texts.map((comment, i) => (
            <li key={i}>{comment}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
