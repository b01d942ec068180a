import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { clerkApi, type FiguresView } from '../../api/clerk';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { BarChart, LineChart } from './charts';
import { FigureTable } from './FigureTable';
import { useDates } from './format';
import { orderOrganizationTypes, useLabels } from './labels';
import { ReportSection } from './ReportSections';
import { SecretariatNav } from './SecretariatNav';
import './secretariat.css';
import { useWorkingSpace } from '../spaces/working-space';

/** 令和 year of a fiscal year (令和元年度 = 2019). */
function eraOf(year: number, language: string): string {
  if (language === 'en') return `FY${year}`;
  const n = year - 2018;
  return n >= 1 ? `令和${n === 1 ? '元' : n}年度` : `${year}年度`;
}

/**
 * `/secretariat/stats`: sessions held, participants by organisation type over time, satisfaction
 * trend, actions done and open; for one 年度 (April–March, `?fy=2026`) or all; 実人数 with what
 * it can and cannot tell; every table as CSV.
 */
export function StatsPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const fiscalYear = /^\d{4}$/.test(params.get('fy') ?? '') ? params.get('fy')! : '';
  const { scopeId } = useWorkingSpace();
  const [stats] = useLoad(() => clerkApi.figures(fiscalYear, scopeId), [fiscalYear, scopeId]);
  const years = stats.state === 'done' ? stats.value.fiscalYears : [];
  return (
    <div className="stack secretariat">
      <SecretariatNav />
      <h1>{t('stats.title')}</h1>
      <div className="filter-grid no-print">
        <div className="field">
          <label htmlFor="stats-fy">{t('stats.fiscalYear')}</label>
          <select id="stats-fy" value={fiscalYear} onChange={(e) => setParams(e.target.value ? { fy: e.target.value } : {}, { replace: true })}>
            <option value="">{t('stats.allYears')}</option>
            {[...new Set([...years, ...(fiscalYear ? [Number(fiscalYear)] : [])])].map((y) => (
              <option key={y} value={y}>
                {t('stats.fiscalYearOption', { era: eraOf(y, i18n.language), from: `${y}-04-01`, to: `${y + 1}-03-31` })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="link-row no-print">
        <a href={clerkApi.figuresCsvUrl('sessions', fiscalYear, i18n.language, scopeId)} download>
          {t('stats.downloadSessions')}
        </a>
        <a href={clerkApi.figuresCsvUrl('organization-types', fiscalYear, i18n.language, scopeId)} download>
          {t('stats.downloadTypes')}
        </a>
      </p>
      {stats.state === 'loading' && <p>{t('common.loading')}</p>}
      {stats.state === 'failed' && <LiveMessage tone="error">{errorText(stats.error)}</LiveMessage>}
      {stats.state === 'done' && (stats.value.sessions.length === 0 ? <p className="muted">{t('secretariat.noData')}</p> : <Figures stats={stats.value} />)}
    </div>
  );
}

function Figures({ stats }: { stats: FiguresView }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const dates = useDates();
  const rows = stats.sessions;
  // A session's short name on an axis: its date, then its title.
  const names = rows.map((r) => `${dates.shortDay(r.heldOn)} ${r.title}`);
  const types = orderOrganizationTypes(rows.flatMap((r) => Object.keys(r.byOrganizationType)));
  const totals: Array<[string, number]> = [
    [t('stats.sessions'), stats.totals.sessions],
    [t('stats.participants'), stats.totals.participants],
    [t('stats.distinctPeople'), stats.distinct.people],
    [t('stats.actionsDone'), stats.totals.actionsDone],
    [t('stats.actionsOpen'), stats.totals.actionsOpen],
  ];
  const byTypeTitle = t('stats.byType');
  const satisfactionTitle = t('stats.satisfaction');
  const actionsTitle = t('stats.actions');

  return (
    <div className="stack">
      <ReportSection id="totals" title={t('stats.totals')}>
        <dl className="stat-tiles">
          {totals.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </ReportSection>
      <p className="hint">{t('stats.distinctNote', { unidentified: stats.distinct.unidentified })}</p>
      <ReportSection id="type-totals" title={t('stats.typeTotals')}>
        <FigureTable
          caption={t('stats.typeTotals')}
          columns={[t('stats.column.organization_type'), t('stats.column.participants')]}
          rows={[
            ...orderOrganizationTypes(Object.keys(stats.byOrganizationType)).map((type) => ({ key: type, head: labels.organizationType(type), cells: [stats.byOrganizationType[type] ?? 0] })),
            { key: 'total', head: t('stats.totalVisits'), cells: [stats.totals.participants], total: true },
            { key: 'distinct', head: t('stats.distinctPeople'), cells: [stats.distinct.people], total: true },
          ]}
        />
      </ReportSection>
      <ReportSection id="by-type" title={byTypeTitle}>
        <BarChart
          label={t('secretariat.chartOf', { title: byTypeTitle, summary: labels.summary(rows.map((r, i) => [names[i], labels.people(r.participants)])) })}
          categories={names}
          series={types.map((type) => ({ label: labels.organizationType(type), values: rows.map((r) => r.byOrganizationType[type] ?? 0) }))}
          stacked
        />
        <FigureTable
          caption={byTypeTitle}
          columns={[t('stats.session'), ...types.map(labels.organizationType), t('stats.total')]}
          rows={rows.map((r, i) => ({ key: r.sessionId, head: names[i], cells: [...types.map((type) => r.byOrganizationType[type] ?? 0), r.participants] }))}
        />
      </ReportSection>
      <ReportSection id="satisfaction" title={satisfactionTitle}>
        <LineChart
          label={t('secretariat.chartOf', { title: satisfactionTitle, summary: labels.summary(rows.map((r, i) => [names[i], r.satisfactionPercent === null ? t('stats.noAnswer') : labels.percent(r.satisfactionPercent)])) })}
          categories={names}
          series={[{ label: t('stats.satisfactionPercent'), values: rows.map((r) => r.satisfactionPercent) }]}
          percent
        />
        <FigureTable
          caption={satisfactionTitle}
          columns={[t('stats.session'), t('stats.responses'), t('stats.satisfactionPercent')]}
          rows={rows.map((r, i) => ({ key: r.sessionId, head: names[i], cells: [r.responses, r.satisfactionPercent === null ? t('stats.noAnswer') : labels.percent(r.satisfactionPercent)] }))}
        />
      </ReportSection>
      <ReportSection id="actions" title={actionsTitle}>
        <BarChart
          label={t('secretariat.chartOf', {
            title: actionsTitle,
            summary: labels.summary([
              [t('stats.done'), stats.totals.actionsDone],
              [t('stats.open'), stats.totals.actionsOpen],
            ]),
          })}
          categories={names}
          series={[
            { label: t('stats.done'), values: rows.map((r) => r.actions.done) },
            { label: t('stats.open'), values: rows.map((r) => r.actions.total - r.actions.done) },
          ]}
          stacked
        />
        <FigureTable
          caption={actionsTitle}
          columns={[t('stats.session'), t('stats.done'), t('stats.open')]}
          rows={[
            ...rows.map((r, i) => ({ key: r.sessionId, head: names[i], cells: [r.actions.done, r.actions.total - r.actions.done] })),
            { key: 'total', head: t('stats.total'), cells: [stats.totals.actionsDone, stats.totals.actionsOpen], total: true },
          ]}
        />
        <p>
          <Link to="/secretariat/actions">{t('secretariat.register')}</Link>
        </p>
      </ReportSection>
    </div>
  );
}
