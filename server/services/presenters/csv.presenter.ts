import { stringify } from 'csv-stringify/sync';

/**
 * What a spreadsheet reads as the start of a formula (OWASP "CSV injection"): `=`, `+`, `-`,
 * `@`, a tab or a carriage return, and the full-width forms `＝＋－＠` that Japanese input
 * methods type and Excel also accepts.
 */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

/**
 * A cell could break the row if written bare: a line break (a bare CR or LF starts a new row
 * in Excel), the delimiter or a quote. csv-stringify quotes only the record delimiter (CRLF)
 * once it is set explicitly, so these are named here.
 */
const NEEDS_QUOTES = /[\r\n,"]/;

/** One cell as text, with a leading apostrophe when a spreadsheet would run it as a formula. */
export function neutraliseCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The one way an export becomes CSV: UTF-8 with a BOM (so Excel in Japan opens it as UTF-8),
 * CRLF rows, every cell neutralised and quoted when it holds CR, LF, comma or a quote.
 */
export function toCsv(columns: string[], rows: unknown[][]): string {
  return stringify(
    rows.map((r) => r.map(neutraliseCell)),
    { bom: true, header: true, columns: columns.map(neutraliseCell), record_delimiter: 'windows', quoted_match: NEEDS_QUOTES },
  );
}
