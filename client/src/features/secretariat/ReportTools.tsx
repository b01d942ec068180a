import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { exportUrls, secretariatApi, type SessionReport } from '../../api/secretariat';
import { useAction } from '../../app/use-action';
import { LiveMessage } from '../../components/LiveMessage';

/** The report's buttons (never printed): print, downloads, close or reopen, and the session's date, venue and working group. */
export function ReportTools({ report, onChanged }: { report: SessionReport; onChanged: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const { session } = report;
  const urls = exportUrls(session.id, i18n.language);
  const { busy, message, run } = useAction();
  const [editing, setEditing] = useState(false);

  const close = async () => {
    if (!window.confirm(t('report.closeConfirm'))) return;
    await run(async () => {
      await secretariatApi.closeSession(session.id);
      await onChanged();
    }, () => t('report.closed'));
  };
  const reopen = () =>
    run(async () => {
      await secretariatApi.reopenSession(session.id);
      await onChanged();
    }, () => t('report.reopened'));

  const downloads: Array<[string, string]> = [
    [urls.markdown, t('report.downloadMarkdown')],
    [urls.cardsCsv, t('report.downloadCards')],
    [urls.actionsCsv, t('report.downloadActions')],
    [urls.surveyCsv, t('report.downloadSurvey')],
    [urls.surveyCsv.replace('/export/survey.csv', '/export/agreement.csv'), t('report.downloadAgreement')],
    [urls.json, t('report.downloadJson')],
  ];

  return (
    <section className="panel report-tools no-print" aria-labelledby="report-tools-heading">
      <h2 id="report-tools-heading">{t('report.tools')}</h2>
      <div className="button-row">
        <button type="button" className="button-primary" onClick={() => window.print()}>
          {t('report.print')}
        </button>
        {session.status === 'open' ? (
          <button type="button" disabled={busy} onClick={close}>
            {t('report.close')}
          </button>
        ) : (
          <button type="button" disabled={busy} onClick={reopen}>
            {t('report.reopen')}
          </button>
        )}
        <button type="button" className="button-quiet" aria-expanded={editing} aria-controls="report-details" onClick={() => setEditing(!editing)}>
          {t('report.editTitle')}
        </button>
        <Link to={`/secretariat/sessions/${session.id}/since-last`}>{t('secretariat.sinceLastLink')}</Link>
      </div>
      <LiveMessage tone={message?.tone}>{message?.text}</LiveMessage>
      <div id="report-details" hidden={!editing}>
        {editing && <DetailsForm report={report} onSaved={onChanged} />}
      </div>
      <h3 className="report-downloads-heading">{t('report.downloads')}</h3>
      <ul className="download-list">
        {downloads.map(([href, label]) => (
          <li key={href}>
            <a href={href} download>
              <span aria-hidden="true">⤓ </span>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Date held, venue and working group (series) of the session: `PATCH /api/sessions/:id`. */
function DetailsForm({ report, onSaved }: { report: SessionReport; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const { session } = report;
  const [heldOn, setHeldOn] = useState(session.heldOn);
  const [venue, setVenue] = useState(session.venue);
  const [series, setSeries] = useState(session.series);
  const { busy, message, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      await secretariatApi.patchSession(session.id, { heldOn: heldOn || null, venue, series });
      await onSaved();
    }, () => t('report.saved'));
  };

  return (
    <form className="stack details-form" onSubmit={submit}>
      <div className="filter-grid">
        <div className="field">
          <label htmlFor="details-held-on">{t('report.heldOn')}</label>
          <input id="details-held-on" type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="details-venue">{t('report.venue')}</label>
          <input id="details-venue" type="text" maxLength={200} value={venue} onChange={(e) => setVenue(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="details-series">{t('report.seriesField')}</label>
          <input id="details-series" type="text" maxLength={120} value={series} onChange={(e) => setSeries(e.target.value)} />
        </div>
      </div>
      <LiveMessage tone={message?.tone}>{message?.text}</LiveMessage>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('common.save')}
      </button>
    </form>
  );
}
