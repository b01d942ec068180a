import { parse } from 'csv-parse/browser/esm/sync';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { directoryApi, type ImportResult } from '../../api/directory';
import { useAction } from '../../app/use-action';
import { LiveMessage } from '../../components/LiveMessage';
import { SecretariatNav } from '../secretariat/SecretariatNav';
import { SpaceSwitch, useSpace } from './SpaceSwitch';
import '../secretariat/secretariat.css';
import './directory.css';

/** The columns the import takes, in the order the help lists them. */
export const IMPORT_COLUMNS = ['団体名', 'ふりがな', '会員種別', '団体の種類', '地区', '担当者', 'メール', '電話', 'ウェブサイト'] as const;
const PREVIEW_ROWS = 20;

/**
 * The file's text for the preview only (the server decodes the bytes itself): UTF-8 when the bytes
 * are valid UTF-8, else Shift_JIS, which is what Excel writes on a Japanese Windows.
 */
function decodeForPreview(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('shift_jis').decode(bytes);
  }
}

function previewOf(text: string): string[][] | null {
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: true, to: PREVIEW_ROWS + 1 }) as string[][];
  } catch {
    return null;
  }
}

/** `/secretariat/organizations/import`: load the city's member list from an Excel CSV. */
export function ImportPage() {
  const { t } = useTranslation();
  const space = useSpace();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string[][] | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const action = useAction();
  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setResult(null);
    setPreview(chosen ? previewOf(decodeForPreview(await chosen.arrayBuffer())) : null);
  };
  const upload = async () => {
    if (!file || !space.space) return;
    const answer = await action.run(() => directoryApi.importCsv(space.space!.id, file));
    if (answer) setResult(answer);
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
        <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => choose(e.target.files?.[0] ?? null)} />
      </div>
      {file && preview === null && <p className="message message-error">{t('dir.import.unreadable')}</p>}
      {preview && preview.length > 0 && <Preview rows={preview} />}
      {file && (
        <button type="button" className="button-primary" disabled={action.busy || !space.space} onClick={upload}>
          {t('dir.import.submit')}
        </button>
      )}
      <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
      <ImportAnswer result={result} />
    </div>
  );
}

function Preview({ rows }: { rows: string[][] }) {
  const { t } = useTranslation();
  const [head, ...body] = rows;
  return (
    <div className="table-scroll" role="region" aria-labelledby="import-preview-caption" tabIndex={0}>
      <table className="figure-table">
        <caption id="import-preview-caption">{t('dir.import.preview', { count: Math.min(body.length, PREVIEW_ROWS) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dir.import.line')}</th>
            {head.map((cell, i) => (
              <th key={i} scope="col">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.slice(0, PREVIEW_ROWS).map((row, r) => (
            <tr key={r}>
              {/* Line 1 is the header: the first data row is line 2, as the server counts. */}
              <th scope="row">{r + 2}</th>
              {head.map((_, i) => (
                <td key={i}>{row[i] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ImportAnswer({ result }: { result: ImportResult | null }) {
  const { t } = useTranslation();
  if (!result) return null;
  if (result.ok)
    return (
      <div className="message message-info" role="status">
        <p>{t('dir.import.done', { count: result.imported })}</p>
        <Link to="/secretariat/organizations">{t('dir.orgs.title')}</Link>
      </div>
    );
  return (
    <section className="message message-error" aria-labelledby="import-errors-heading">
      <h2 id="import-errors-heading">{t('dir.import.failed', { count: result.rows.length })}</h2>
      <ul>
        {result.rows.map((row, i) => (
          <li key={i}>{t('dir.import.rowError', { line: row.line, message: row.message })}</li>
        ))}
      </ul>
    </section>
  );
}
