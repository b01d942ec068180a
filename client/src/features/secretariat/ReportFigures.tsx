import { useTranslation } from 'react-i18next';
import type { SessionReport } from '../../api/secretariat';
import { useLabels } from './labels';

/**
 * The city's figures at the top of page 1, as its report lists them: participants, 満足度,
 * 理解度, 参画意向 (each the share of positive answers) and 回収率 with its parts.
 */
export function KeyFigures({ report }: { report: SessionReport }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { survey, participants } = report;
  const question = (id: string) => {
    const q = survey.questions.find((item) => item.id === id);
    if (!q || q.positivePercent === null) return t('report.kf.notAsked');
    return t('report.kf.positiveOf', { value: labels.decimal(q.positivePercent), answered: q.answered });
  };
  const figures: Array<[string, string, string?]> = [
    [t('report.kf.participants'), labels.people(participants.total), participants.proxy > 0 ? t('report.proxyApart', { count: participants.proxy }) : undefined],
    [t('report.kf.satisfaction'), question('satisfaction')],
    [t('report.kf.understanding'), question('understanding')],
    [t('report.kf.intent'), question('intent')],
    [
      t('report.kf.responseRate'),
      `${labels.percent(survey.responseRate)}（${survey.responses}/${survey.invited}）`,
      t('report.breakdown', { phone: survey.phone.responses, phoneOf: survey.phone.participants, paper: survey.paper.responses, paperOf: survey.paper.handedOut }),
    ],
  ];
  return (
    <section className="report-key-figures" aria-labelledby="key-figures-heading">
      <h2 id="key-figures-heading">{t('report.keyFigures')}</h2>
      <dl className="key-figures">
        {figures.map(([term, value, note]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>
              <strong>{value}</strong>
              {note && <span className="key-figure-note">{note}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <p className="report-note">{t('report.responseRateNote')}</p>
    </section>
  );
}
