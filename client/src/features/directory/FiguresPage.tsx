import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type DirectoryFigures, directoryApi, MEMBERSHIP_KINDS } from '../../api/directory';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { BarChart, LineChart } from '../secretariat/charts';
import { FigureTable } from '../secretariat/FigureTable';
import { useDates } from '../secretariat/format';
import { useLabels } from '../secretariat/labels';
import { ReportSection } from '../secretariat/ReportSections';
import { SecretariatNav } from '../secretariat/SecretariatNav';
import { useDirectoryLabels } from './labels';
import { SpaceSwitch, useSpace } from './SpaceSwitch';
import { useTaxonomy } from './taxonomy';
import '../secretariat/secretariat.css';
import './directory.css';

/** `/secretariat/directory/figures`: members by kind and type over time, resources by category and district, gaps, stale entries. */
export function FiguresPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const space = useSpace();
  const spaceId = space.space?.id ?? '';
  const taxonomy = useTaxonomy(spaceId);
  // The gaps are asked for one audience: "no 居場所 for children in 北地区" is the question the city asks.
  const [audience, setAudience] = useState('こども');
  const [figures] = useLoad(() => (spaceId ? directoryApi.figures(spaceId, audience) : Promise.resolve(null)), [spaceId, audience]);
  return (
    <div className="stack secretariat">
      <SecretariatNav />
      <h1>{t('dir.figures.title')}</h1>
      <SpaceSwitch state={space} />
      <div className="field no-print">
        <label htmlFor="gap-audience">{t('dir.figures.gapAudience')}</label>
        <select id="gap-audience" value={audience} onChange={(e) => setAudience(e.target.value)}>
          <option value="">{t('dir.all')}</option>
          {[...new Set([...taxonomy.audiences, audience].filter(Boolean))].map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
      {figures.state === 'loading' && spaceId && <p className="muted">{t('common.loading')}</p>}
      {figures.state === 'failed' && <LiveMessage tone="error">{errorText(figures.error)}</LiveMessage>}
      {figures.state === 'done' && figures.value && (
        <>
          <Members figures={figures.value} />
          <Resources figures={figures.value} />
          <Gaps figures={figures.value} />
          <Stale figures={figures.value} />
        </>
      )}
    </div>
  );
}

function Members({ figures }: { figures: DirectoryFigures }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const dir = useDirectoryLabels();
  const m = figures.members;
  const kindTitle = t('dir.figures.byKind');
  const yearTitle = t('dir.figures.overTime');
  // Members by the end of each fiscal year, by kind: the yearly joins added up.
  const running: Record<string, number> = {};
  const years = m.joinedByFiscalYear.map((row) => {
    for (const k of MEMBERSHIP_KINDS) running[k] = (running[k] ?? 0) + (row[k] ?? 0);
    return { year: t('dir.figures.fiscalYear', { year: row.fiscalYear }), counts: { ...running } };
  });
  return (
    <>
      <ReportSection id="dir-kinds" title={kindTitle}>
        <BarChart label={t('secretariat.chartOf', { title: kindTitle, summary: labels.summary(m.byKind.map((k) => [dir.membership(k.membership), k.count])) })} categories={m.byKind.map((k) => dir.membership(k.membership))} series={[{ label: t('dir.figures.members'), values: m.byKind.map((k) => k.count) }]} horizontal />
        <FigureTable
          caption={kindTitle}
          columns={[t('dir.org.membership'), t('dir.figures.members')]}
          rows={[...m.byKind.map((k) => ({ key: k.membership, head: dir.membership(k.membership), cells: [k.count] })), { key: 'total', head: t('stats.total'), cells: [m.total], total: true }]}
        />
      </ReportSection>
      {years.length > 0 && (
        <ReportSection id="dir-over-time" title={yearTitle}>
          <LineChart
            label={t('secretariat.chartOf', { title: yearTitle, summary: labels.summary(years.map((y) => [y.year, Object.values(y.counts).reduce((a, b) => a + b, 0)])) })}
            categories={years.map((y) => y.year)}
            series={MEMBERSHIP_KINDS.map((k) => ({ label: dir.membership(k), values: years.map((y) => y.counts[k] ?? 0) }))}
          />
          <FigureTable caption={yearTitle} columns={[t('dir.figures.year'), ...MEMBERSHIP_KINDS.map(dir.membership)]} rows={years.map((y) => ({ key: y.year, head: y.year, cells: MEMBERSHIP_KINDS.map((k) => y.counts[k] ?? 0) }))} />
        </ReportSection>
      )}
      <ReportSection id="dir-types" title={t('dir.figures.byType')}>
        <FigureTable caption={t('dir.figures.byType')} columns={[t('dir.org.type'), t('dir.figures.members')]} rows={m.byType.map((k) => ({ key: k.organizationType, head: k.label, cells: [k.count] }))} />
      </ReportSection>
    </>
  );
}

function Resources({ figures }: { figures: DirectoryFigures }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const r = figures.resources;
  const title = t('dir.figures.byCategory');
  return (
    <>
      <ReportSection id="dir-categories" title={title}>
        <BarChart label={t('secretariat.chartOf', { title, summary: labels.summary(r.byCategory.map((c) => [c.category, c.count])) })} categories={r.byCategory.map((c) => c.category)} series={[{ label: t('dir.figures.resources'), values: r.byCategory.map((c) => c.count) }]} horizontal />
        <FigureTable caption={title} columns={[t('dir.res.categories'), t('dir.figures.resources')]} rows={[...r.byCategory.map((c) => ({ key: c.category, head: c.category, cells: [c.count] })), { key: 'total', head: t('stats.total'), cells: [r.total], total: true }]} />
      </ReportSection>
      <ReportSection id="dir-districts" title={t('dir.figures.byDistrict')}>
        <FigureTable caption={t('dir.figures.byDistrict')} columns={[t('dir.res.districts'), t('dir.figures.resources')]} rows={r.byDistrict.map((d) => ({ key: d.district, head: d.district, cells: [d.count] }))} />
      </ReportSection>
    </>
  );
}

function Gaps({ figures }: { figures: DirectoryFigures }) {
  const { t } = useTranslation();
  // One line per district: what it has none of.
  const byDistrict = new Map<string, string[]>();
  for (const cell of figures.gaps.cells) byDistrict.set(cell.district, [...(byDistrict.get(cell.district) ?? []), cell.category]);
  return (
    <ReportSection id="dir-gaps" title={figures.gaps.audience ? t('dir.figures.gapsFor', { audience: figures.gaps.audience }) : t('dir.figures.gaps')}>
      <p className="hint">{t('dir.figures.gapsHint')}</p>
      {byDistrict.size === 0 ? (
        <p>{t('dir.figures.noGaps')}</p>
      ) : (
        <ul>
          {[...byDistrict].map(([district, categories]) => (
            <li key={district}>{t('dir.figures.gap', { district, categories: categories.join(t('dir.listSeparator')) })}</li>
          ))}
        </ul>
      )}
    </ReportSection>
  );
}

function Stale({ figures }: { figures: DirectoryFigures }) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <ReportSection id="dir-stale" title={t('dir.figures.stale')}>
      <p className="hint">{t('dir.figures.staleHint')}</p>
      {figures.stale.length === 0 ? (
        <p>{t('dir.figures.noStale')}</p>
      ) : (
        <ul>
          {figures.stale.map((e) => (
            <li key={e.resourceId}>
              <Link to={`/secretariat/organizations/${encodeURIComponent(e.organizationId)}`}>{e.organizationName}</Link>
              {t('dir.figures.staleEntry', { name: e.name, confirmed: e.lastConfirmedOn ? t('dir.figures.lastConfirmed', { date: dates.shortDay(e.lastConfirmedOn) }) : t('dir.res.never') })}
            </li>
          ))}
        </ul>
      )}
    </ReportSection>
  );
}
