import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { directoryApi, type ImportAccepted, type ImportResult } from '../../api/directory';
import { useAction } from '../../app/use-action';
import { LiveMessage } from '../../components/LiveMessage';
import { SecretariatNav } from '../secretariat/SecretariatNav';
import { useLabels } from '../secretariat/labels';
import { useDirectoryLabels } from './labels';
import { SpaceSwitch, useSpace } from './SpaceSwitch';
import '../secretariat/secretariat.css';
import './directory.css';

/** The columns the import takes, as the help lists them. */
export const IMPORT_COLUMNS = ['団体名', 'ふりがな', '会員種別', '団体の種類', '地区', '担当者', 'メール', '電話', 'ウェブサイト'] as const;

/**
 * `/secretariat/organizations/import`: load the city's member list from an Excel CSV. The file
 * goes to the server twice, as it is: first for a preview (the rows as they would be stored, or
 * every bad row with its line), then, once the clerk has looked, to import.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const space = useSpace();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [imported, setImported] = useState<number | null>(null);
  const action = useAction();
  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setImported(null);
    if (!chosen || !space.space) return;
    const answer = await action.run(() => directoryApi.importCsv(space.space!.id, chosen, true));
    if (answer) setPreview(answer);
  };
  const upload = async () => {
    if (!file || !space.space) return;
    const answer = await action.run(() => directoryApi.importCsv(space.space!.id, file, false));
    if (!answer) return;
    if (answer.ok) setImported(answer.imported);
    else setPreview(answer);
  };
  return (
    <div className="stack secretariat">
      <SecretariatNav />
      <h1>{t('dir.import.title')}</h1>
      <SpaceSwitch state={space} />
      <p className="hint">{t('dir.import.intro')}</p>
      <p className="hint">{t('dir.import.columns', { columns: IMPORT_COLUMNS.join('、') })}</p>
      <div className="field">
        <label htmlFor="import-file">{t('dir.import.file')}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          disabled={!space.space}
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            // Emptied, so choosing the same file again after fixing it in Excel checks it again.
            e.target.value = '';
            void choose(chosen);
          }}
        />
      </div>
      {file && <p>{t('dir.import.chosen', { name: file.name })}</p>}
      <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
      {imported !== null ? (
        <div className="message message-info" role="status">
          <p>{t('dir.import.done', { count: imported })}</p>
          <Link to="/secretariat/organizations">{t('dir.orgs.title')}</Link>
        </div>
      ) : (
        preview && (preview.ok ? <Preview accepted={preview} busy={action.busy} onImport={upload} /> : <BadRows rows={preview.rows} />)
      )}
    </div>
  );
}

function Preview({ accepted, busy, onImport }: { accepted: ImportAccepted; busy: boolean; onImport: () => void }) {
  const { t } = useTranslation();
  const labels = useDirectoryLabels();
  const typeLabels = useLabels();
  return (
    <section className="stack" aria-labelledby="import-preview-heading">
      <h2 id="import-preview-heading">{t('dir.import.preview', { count: accepted.rows.length })}</h2>
      <p>{t('dir.import.encoding', { encoding: accepted.encoding })}</p>
      {accepted.ignoredColumns.length > 0 && <p className="message message-error">{t('dir.import.ignored', { columns: accepted.ignoredColumns.join('、') })}</p>}
      <div className="table-scroll" role="region" aria-labelledby="import-preview-heading" tabIndex={0}>
        <table className="figure-table">
          <thead>
            <tr>
              <th scope="col">{t('dir.import.line')}</th>
              <th scope="col">{t('dir.org.name')}</th>
              <th scope="col">{t('dir.org.kana')}</th>
              <th scope="col">{t('dir.org.membership')}</th>
              <th scope="col">{t('dir.org.type')}</th>
              <th scope="col">{t('dir.org.districts')}</th>
              <th scope="col">{t('dir.org.contactName')}</th>
            </tr>
          </thead>
          <tbody>
            {accepted.rows.map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                <th scope="row">{row.name}</th>
                <td>{row.kana}</td>
                <td>{labels.membership(row.membership)}</td>
                <td>{typeLabels.organizationType(row.organizationType)}</td>
                <td>{labels.list(row.districts)}</td>
                <td>{row.contactName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" className="button-primary" disabled={busy || accepted.rows.length === 0} onClick={onImport}>
        {t('dir.import.submit', { count: accepted.rows.length })}
      </button>
    </section>
  );
}

function BadRows({ rows }: { rows: Array<{ line: number; message: string }> }) {
  const { t } = useTranslation();
  return (
    <section className="message message-error" aria-labelledby="import-errors-heading">
      <h2 id="import-errors-heading">{t('dir.import.failed', { count: rows.length })}</h2>
      <p>{t('dir.import.fixAndRetry')}</p>
      <ul>
        {rows.map((row, i) => (
          <li key={i}>{t('dir.import.rowError', { line: row.line, message: row.message })}</li>
        ))}
      </ul>
    </section>
  );
}
