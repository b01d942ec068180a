import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { secretariatApi, type SessionReport } from '../../api/secretariat';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { StatusBadge } from './ArchivePage';
import { useDates } from './format';
import { AgreementSection, OutcomeSection, VotesSection } from './ReportConsensus';
import { KeyFigures } from './ReportFigures';
import { ModerationSection } from './ReportModeration';
import { PaperSurveyForm } from './ReportPaperSurvey';
import { CardsSection, GroupsSection, ParticipantsSection, PersonaSection } from './ReportSections';
import { SurveySection } from './ReportSurvey';
import { ReportTools } from './ReportTools';
import { SecretariatNav } from './SecretariatNav';
import './secretariat.css';
import { FactList } from '../../components/FactList';

/**
 * `/secretariat/sessions/:id/report`: the session report (事業報告) as a page and, through the
 * print style, as clean A4 pages. Every chart has its numbers in a table beside it.
 */
export function ReportPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { id = '' } = useParams();
  const [report, setReport] = useLoad(() => secretariatApi.report(id), [id]);

  if (report.state === 'loading') return <p>{t('common.loading')}</p>;
  if (report.state === 'failed') {
    return (
      <div className="stack">
        <SecretariatNav />
        <LiveMessage tone="error">{errorText(report.error)}</LiveMessage>
      </div>
    );
  }
  // After a change (close, reopen, details) the figures are read again; the page stays in place meanwhile.
  const refresh = async () => setReport(await secretariatApi.report(id));
  return (
    <div className="stack secretariat">
      <SecretariatNav />
      <article className="report-document stack" aria-labelledby="report-title">
        <ReportHead report={report.value} />
        <ReportTools report={report.value} onChanged={refresh} />
        <PaperSurveyForm report={report.value} onChanged={refresh} />
        <ModerationSection report={report.value} />
        {/* The city's figures first: participants by type, 満足度, 理解度, 参画意向, 回収率. */}
        <KeyFigures report={report.value} />
        <ParticipantsSection report={report.value} />
        <SurveySection report={report.value} />
        <PersonaSection report={report.value} />
        <CardsSection report={report.value} />
        <GroupsSection report={report.value} />
        <VotesSection report={report.value} />
        <AgreementSection report={report.value} />
        <OutcomeSection report={report.value} />
        <p className="report-note">{t('report.withheldNote', { threshold: report.value.smallGroupThreshold })}</p>
      </article>
      <Link to="/secretariat/archive" className="no-print">
        {t('report.backToArchive')}
      </Link>
    </div>
  );
}

function ReportHead({ report }: { report: SessionReport }) {
  const { t } = useTranslation();
  const dates = useDates();
  const { session } = report;
  const facts: Array<[string, ReactNode]> = [
    [t('export.date'), dates.day(session.heldOn)],
    [t('export.venue'), session.venue || t('secretariat.notSet')],
    [t('export.theme'), session.theme || t('secretariat.notSet')],
    [t('export.facilitator'), session.facilitator],
    [t('report.series'), session.series || t('secretariat.notSet')],
    [t('report.status'), <StatusBadge key="status" status={session.status} />],
  ];
  return (
    <header className="report-head stack">
      <p className="report-kicker">{t('report.title')}</p>
      <h1 id="report-title">{session.title}</h1>
      {session.status === 'open' && <p className="message">{t('report.live')}</p>}
      <FactList facts={facts} className="facts report-facts" />
    </header>
  );
}
