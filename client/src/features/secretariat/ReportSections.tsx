import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CARD_KINDS, type CardKind } from '../../../../shared/schemas/cards';
import type { SessionReport } from '../../api/secretariat';
import { KindLabel } from '../../components/KindLabel';
import { PersonaCard } from '../../components/PersonaCard';
import { BarChart } from './charts';
import { FigureTable } from './FigureTable';
import { orderOrganizationTypes, useLabels } from './labels';

/**
 * A section of the report: a heading and its content, kept on one printed page where it fits.
 * A `long` section (every card, every survey question) may break between its blocks instead,
 * rather than leave most of a page blank.
 */
export function ReportSection({ id, title, long = false, children }: { id: string; title: string; long?: boolean; children: ReactNode }) {
  return (
    <section className={long ? 'report-section report-section-long stack' : 'report-section stack'} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** Participants in total and by organisation type: a bar chart and its table. */
export function ParticipantsSection({ report }: { report: SessionReport }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { total, byOrganizationType, percentByOrganizationType } = report.participants;
  const types = orderOrganizationTypes(Object.keys(byOrganizationType));
  const title = t('report.byOrganizationType');
  return (
    <ReportSection id="participants" title={t('report.participants')}>
      <p className="report-headline">{t('report.participantsTotal', { count: total })}</p>
      {total === 0 ? (
        <p className="muted">{t('report.noParticipants')}</p>
      ) : (
        <div className="figure-pair">
          <BarChart
            label={t('secretariat.chartOf', { title, summary: labels.summary(types.map((type) => [labels.organizationType(type), labels.people(byOrganizationType[type])])) })}
            categories={types.map(labels.organizationType)}
            series={[{ label: t('report.count'), values: types.map((type) => byOrganizationType[type]) }]}
            horizontal
          />
          <FigureTable
            caption={title}
            columns={[t('export.organizationType'), t('report.count'), t('report.percent')]}
            rows={[
              ...types.map((type) => ({ key: type, head: labels.organizationType(type), cells: [byOrganizationType[type], labels.percent(percentByOrganizationType[type] ?? 0)] })),
              { key: 'total', head: t('export.total'), cells: [total, labels.percent(100)], total: true },
            ]}
          />
        </div>
      )}
    </ReportSection>
  );
}

/** The persona and customer journey prepared on the main board. */
export function PersonaSection({ report }: { report: SessionReport }) {
  const { t } = useTranslation();
  const main = report.boards.find((b) => b.kind === 'main') ?? report.boards[0];
  if (!main) return null;
  const persona = Object.values(main.persona).some((value) => value.trim() !== '');
  return (
    <ReportSection id="persona" title={t('report.personaJourney')}>
      {persona && <PersonaCard persona={main.persona} headingLevel={3} />}
      <h3>{t('report.journey')}</h3>
      {main.stages.length === 0 ? (
        <p className="muted">{t('report.noJourney')}</p>
      ) : (
        <ol className="journey-list">
          {main.stages.map((stage) => (
            <li key={stage.id}>
              <strong>{stage.title}</strong>
              {stage.description && <span className="muted"> — {stage.description}</span>}
            </li>
          ))}
        </ol>
      )}
    </ReportSection>
  );
}

/** Stage keys in journey order; cards with no stage last. */
function stageOrder(report: SessionReport): string[] {
  const journey = report.boards.flatMap((b) => b.stages.map((s) => s.id));
  const keys = Object.keys(report.cards.byStage);
  const ordered = [...new Set(journey)].filter((id) => keys.includes(id));
  return [...ordered, ...keys.filter((k) => k !== '' && !ordered.includes(k)), ...(keys.includes('') ? [''] : [])];
}

/** Cards by stage and kind: a stacked bar chart, its table, and what the cards say. */
export function CardsSection({ report }: { report: SessionReport }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const stages = stageOrder(report);
  const stageTitle = (key: string) => (key ? report.cards.byStage[key]?.title || key : t('export.noStage'));
  const title = t('report.cardsByStage');
  const summary = labels.summary(stages.map((key) => [stageTitle(key), report.cards.byStage[key].total]));
  return (
    <ReportSection id="cards" title={t('report.cards')} long>
      <p className="report-headline">{t('report.cardsTotal', { count: report.cards.total })}</p>
      {report.cards.total > 0 && (
        <>
          <div className="figure-pair">
            <BarChart
              label={t('secretariat.chartOf', { title, summary })}
              categories={stages.map(stageTitle)}
              series={CARD_KINDS.map((kind) => ({ label: labels.cardKind(kind), values: stages.map((key) => report.cards.byStage[key].byKind[kind] ?? 0) }))}
              stacked
            />
            <FigureTable
              caption={title}
              columns={[t('report.stage'), ...CARD_KINDS.map(labels.cardKind), t('export.total')]}
              rows={[
                ...stages.map((key) => {
                  const row = report.cards.byStage[key];
                  return { key: key || 'none', head: stageTitle(key), cells: [...CARD_KINDS.map((kind) => row.byKind[kind] ?? 0), row.total] };
                }),
                { key: 'total', head: t('export.total'), cells: [...CARD_KINDS.map((kind) => report.cards.byKind[kind] ?? 0), report.cards.total], total: true },
              ]}
            />
          </div>
          <h3>{t('report.cardList')}</h3>
          {stages.map((key) => (
            <div key={key || 'none'} className="card-digest">
              <h4>{stageTitle(key)}</h4>
              <ul>
                {report.cards.items
                  .filter((card) => (card.stageId ?? '') === key)
                  .map((card) => (
                    <li key={`${card.room}:${card.id}`}>
                      {(CARD_KINDS as readonly string[]).includes(card.kind) ? <KindLabel kind={card.kind as CardKind} /> : card.kind} <span className="card-digest-text">{card.text}</span>{' '}
                      {card.organizationType && <span className="muted">（{labels.organizationType(card.organizationType)}）</span>}
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </>
      )}
    </ReportSection>
  );
}

/** The groups the cards were gathered into, with their card counts. */
export function GroupsSection({ report }: { report: SessionReport }) {
  const { t } = useTranslation();
  const boardName = new Map(report.boards.map((b) => [b.room, b.name]));
  const several = report.boards.length > 1;
  return (
    <ReportSection id="groups" title={t('report.groups')}>
      {report.groups.length === 0 ? (
        <p className="muted">{t('report.noGroups')}</p>
      ) : (
        <FigureTable
          caption={t('report.groups')}
          hideCaption
          columns={[t('export.column.group'), ...(several ? [t('export.column.board')] : []), t('report.cards')]}
          rows={report.groups.map((g) => ({
            key: `${g.room}:${g.id}`,
            head: g.title,
            cells: [...(several ? [boardName.get(g.room) ?? ''] : []), t('report.groupCards', { count: g.cardCount })],
          }))}
        />
      )}
    </ReportSection>
  );
}
