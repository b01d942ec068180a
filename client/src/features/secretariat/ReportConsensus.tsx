import { useTranslation } from 'react-i18next';
import type { RevealedPoll, SessionReport } from '../../api/secretariat';
import { BarChart } from './charts';
import { FigureTable } from './FigureTable';
import { useDates } from './format';
import { orderOrganizationTypes, useLabels } from './labels';
import { ReportSection } from './ReportSections';

/** Items shown in a vote's chart; the table lists them all. */
const CHART_ITEMS = 12;

/** Each revealed dot vote, ranked: a bar chart of the leading items and the full table. */
export function VotesSection({ report }: { report: SessionReport }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <ReportSection id="votes" title={t('report.votes')}>
      {report.votes.length === 0 && <p className="muted">{t('report.noVotes')}</p>}
      {report.votes.map((vote, index) => {
        const title = vote.title.trim() || t('report.voteUntitled', { index: index + 1 });
        const top = vote.results.slice(0, CHART_ITEMS);
        return (
          <div key={vote.voteId} className="report-block stack">
            <h3>{title}</h3>
            <p>{t('report.votersCount', { count: vote.voters })}</p>
            {top.length > 0 && (
              <BarChart
                label={t('secretariat.chartOf', { title, summary: labels.summary(top.map((r) => [r.label, r.dots])) })}
                categories={top.map((r) => r.label)}
                series={[{ label: t('report.dots'), values: top.map((r) => r.dots) }]}
                horizontal
              />
            )}
            <FigureTable
              caption={title}
              columns={[t('report.rank'), t('report.item'), t('report.dots'), t('report.voters')]}
              rows={vote.results.map((r, i) => ({ key: r.itemId, head: String(i + 1), cells: [r.label, r.dots, r.voters] }))}
            />
          </div>
        );
      })}
    </ReportSection>
  );
}

const CONSENSUS_MARK = { shared: '◎', diverge: '⚠', mixed: '△' } as const;

/** One agreement poll: per item, overall support and each sector's, marked shared or diverging. */
function PollTable({ poll, title }: { poll: RevealedPoll; title: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const sectors = orderOrganizationTypes([...new Set(poll.results.flatMap((r) => [...Object.keys(r.byOrganizationType), ...r.withheldOrganizationTypes]))]);
  // A sector too small to show arrives without figures (the server withholds them): say so.
  const cell = (r: RevealedPoll['results'][number], sector: string) => {
    if (r.withheldOrganizationTypes.includes(sector)) return t('report.withheld');
    const d = r.byOrganizationType[sector];
    return d && d.total > 0 ? `${labels.percent(d.supportPercent)} (n=${d.total})` : '—';
  };
  const overall = (d: { supportPercent: number; total: number }) => (d.total > 0 ? `${labels.percent(d.supportPercent)} (n=${d.total})` : '—');
  return (
    <FigureTable
      caption={`${title}: ${t('report.agreementHint')}`}
      columns={[t('report.item'), t('report.overall'), ...sectors.map(labels.organizationType), t('export.agreement')]}
      rows={poll.results.map((r) => ({
        key: r.itemId,
        head: r.label,
        cells: [overall(r.overall), ...sectors.map((s) => cell(r, s)), `${CONSENSUS_MARK[r.consensus]} ${t(`consensus.${r.consensus}`)}`],
      }))}
    />
  );
}

/** Agreement by sector for every revealed poll. */
export function AgreementSection({ report }: { report: SessionReport }) {
  const { t } = useTranslation();
  return (
    <ReportSection id="agreement" title={t('report.agreement')}>
      {report.polls.length === 0 && <p className="muted">{t('report.noPolls')}</p>}
      {report.polls.map((poll, index) => {
        const title = poll.title.trim() || t('report.pollUntitled', { index: index + 1 });
        return (
          <div key={poll.pollId} className="report-block stack">
            <h3>{title}</h3>
            <p>{t('report.respondents', { count: poll.respondents })}</p>
            <PollTable poll={poll} title={title} />
          </div>
        );
      })}
    </ReportSection>
  );
}

/** What was decided, from which cards, and the follow-up actions with owner, due date and status. */
export function OutcomeSection({ report }: { report: SessionReport }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const dates = useDates();
  return (
    <ReportSection id="outcome" title={t('report.outcome')}>
      <h3>{t('export.decisions')}</h3>
      {report.decisions.length === 0 ? (
        <p className="muted">{t('report.noDecisions')}</p>
      ) : (
        <ol className="decision-list">
          {report.decisions.map((d) => (
            <li key={d.id}>
              {d.text}
              {d.sources.length > 0 && (
                <span className="muted decision-sources">{t('report.sources', { labels: d.sources.map((s) => s.label).join(t('secretariat.listSeparator')) })}</span>
              )}
            </li>
          ))}
        </ol>
      )}
      <h3>{t('export.actions')}</h3>
      {report.actions.length === 0 ? (
        <p className="muted">{t('report.noActions')}</p>
      ) : (
        <FigureTable
          caption={t('export.actions')}
          hideCaption
          columns={[t('export.action'), t('export.owner'), t('export.due'), t('export.status')]}
          rows={report.actions.map((a) => ({
            key: a.id,
            head: a.title,
            cells: [[a.ownerOrganization, a.ownerPerson].filter(Boolean).join(' ') || t('register.noOwner'), a.dueDate ? dates.shortDay(a.dueDate) : t('register.noDue'), labels.actionStatus(a.status)],
          }))}
        />
      )}
    </ReportSection>
  );
}
