import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { directoryApi, MEMBERSHIP_KINDS } from '../../api/directory';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { BarChart, LineChart } from '../secretariat/charts';
import { FigureTable } from '../secretariat/FigureTable';
import { useDates } from '../secretariat/format';
import { orderOrganizationTypes, useLabels } from '../secretariat/labels';
import { ReportSection } from '../secretariat/ReportSections';
import { SecretariatNav } from '../secretariat/SecretariatNav';
import { type DirectoryFigureSet, directoryFigures } from './figures';
import { useDirectoryLabels } from './labels';
import { SpaceSwitch, useSpace } from './SpaceSwitch';
import { useTaxonomy } from './taxonomy';
import '../secretariat/secretariat.css';
import './directory.css';

/** `/secretariat/directory/figures`: members by kind and type, resources by category and district, gaps, stale entries. */
export function FiguresPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const space = useSpace();
  const spaceId = space.space?.id ?? '';
  const taxonomy = useTaxonomy(spaceId);
  const [data] = useLoad(async () => (spaceId ? Promise.all([directoryApi.organizations(spaceId), directoryApi.directory(spaceId, {})]) : null), [spaceId]);
  return (
    <div className="stack secretariat">
      <SecretariatNav />
      <h1>{t('dir.figures.title')}</h1>
      <SpaceSwitch state={space} />
      {data.state === 'loading' && spaceId && <p className="muted">{t('common.loading')}</p>}
      {data.state === 'failed' && <LiveMessage tone="error">{errorText(data.error)}</LiveMessage>}
      {data.state === 'done' && data.value && <Figures figures={directoryFigures(data.value[0], data.value[1], taxonomy.districts)} categories={taxonomy.categories} />}
    </div>
  );
}

function Figures({ figures, categories }: { figures: DirectoryFigureSet; categories: string[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const dirLabels = useDirectoryLabels();
  const kinds = MEMBERSHIP_KINDS.filter((m) => figures.byKind.has(m));
  const types = orderOrganizationTypes(figures.byType.keys());
  const usedCategories = [...categories.filter((c) => figures.byCategory.has(c)), ...[...figures.byCategory.keys()].filter((c) => !categories.includes(c))];
  const districts = [...figures.byDistrict.keys()];
  const districtName = (d: string) => d || t('dir.figures.noDistrict');
  const pairs = (map: Map<string, number>, name: (k: string) => string) => [...map].map(([k, v]): [string, number] => [name(k), v]);
  return (
    <div className="stack">
      <ReportSection id="dir-kinds" title={t('dir.figures.byKind')}>
        <BarChart label={t('secretariat.chartOf', { title: t('dir.figures.byKind'), summary: labels.summary(pairs(figures.byKind, dirLabels.membership)) })} categories={kinds.map(dirLabels.membership)} series={[{ label: t('dir.figures.members'), values: kinds.map((k) => figures.byKind.get(k) ?? 0) }]} horizontal />
        <FigureTable caption={t('dir.figures.byKind')} columns={[t('dir.org.membership'), t('dir.figures.members')]} rows={kinds.map((k) => ({ key: k, head: dirLabels.membership(k), cells: [figures.byKind.get(k) ?? 0] }))} />
      </ReportSection>
      {figures.overTime.length > 0 && (
        <ReportSection id="dir-over-time" title={t('dir.figures.overTime')}>
          <LineChart
            label={t('secretariat.chartOf', { title: t('dir.figures.overTime'), summary: labels.summary(figures.overTime.map((y) => [y.year, [...y.byKind.values()].reduce((a, b) => a + b, 0)])) })}
            categories={figures.overTime.map((y) => y.year)}
            series={kinds.map((k) => ({ label: dirLabels.membership(k), values: figures.overTime.map((y) => y.byKind.get(k) ?? 0) }))}
          />
          <FigureTable caption={t('dir.figures.overTime')} columns={[t('dir.figures.year'), ...kinds.map(dirLabels.membership)]} rows={figures.overTime.map((y) => ({ key: y.year, head: y.year, cells: kinds.map((k) => y.byKind.get(k) ?? 0) }))} />
        </ReportSection>
      )}
      <ReportSection id="dir-types" title={t('dir.figures.byType')}>
        <FigureTable caption={t('dir.figures.byType')} columns={[t('dir.org.type'), t('dir.figures.members')]} rows={types.map((k) => ({ key: k, head: labels.organizationType(k), cells: [figures.byType.get(k) ?? 0] }))} />
      </ReportSection>
      <ReportSection id="dir-categories" title={t('dir.figures.byCategory')}>
        <BarChart label={t('secretariat.chartOf', { title: t('dir.figures.byCategory'), summary: labels.summary(pairs(figures.byCategory, (c) => c)) })} categories={usedCategories} series={[{ label: t('dir.figures.resources'), values: usedCategories.map((c) => figures.byCategory.get(c) ?? 0) }]} horizontal />
        <FigureTable caption={t('dir.figures.byCategory')} columns={[t('dir.res.categories'), t('dir.figures.resources')]} rows={usedCategories.map((c) => ({ key: c, head: c, cells: [figures.byCategory.get(c) ?? 0] }))} />
      </ReportSection>
      <ReportSection id="dir-districts" title={t('dir.figures.byDistrict')}>
        <FigureTable caption={t('dir.figures.byDistrict')} columns={[t('dir.res.districts'), ...usedCategories]} rows={districts.map((d) => ({ key: d || '-', head: districtName(d), cells: usedCategories.map((c) => figures.byDistrict.get(d)?.get(c) ?? 0) }))} />
      </ReportSection>
      <ReportSection id="dir-gaps" title={t('dir.figures.gaps')}>
        <p className="hint">{t('dir.figures.gapsHint')}</p>
        {figures.gaps.length === 0 ? <p>{t('dir.figures.noGaps')}</p> : (
          <ul>
            {figures.gaps.map((g) => (
              <li key={`${g.district}/${g.category}/${g.audience}`}>{t('dir.figures.gap', { district: g.district, category: g.category, audience: g.audience })}</li>
            ))}
          </ul>
        )}
      </ReportSection>
      <StaleSection figures={figures} />
    </div>
  );
}

function StaleSection({ figures }: { figures: DirectoryFigureSet }) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <ReportSection id="dir-stale" title={t('dir.figures.stale')}>
      <p className="hint">{t('dir.figures.staleHint')}</p>
      {figures.stale.length === 0 ? <p>{t('dir.figures.noStale')}</p> : (
        <ul>
          {figures.stale.map((e) => (
            <li key={e.id}>
              <Link to={`/secretariat/organizations/${encodeURIComponent(e.organization.id)}`}>{e.organization.name}</Link>: {e.name}（{e.lastConfirmedOn ? t('dir.figures.lastConfirmed', { date: dates.shortDay(e.lastConfirmedOn.slice(0, 10)) }) : t('dir.res.never')}）
            </li>
          ))}
        </ul>
      )}
    </ReportSection>
  );
}
