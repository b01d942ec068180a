/*
 * The city's member list in and out as CSV. Japanese offices' lists come from Excel, often in
 * Shift_JIS (CP932): the bytes are detected and decoded with encoding-japanese, parsed with
 * csv-parse, and every row checked before anything is stored; one bad row stops the import and
 * each bad row is reported with the line it starts on.
 */
import Encoding from 'encoding-japanese';
import { parse } from 'csv-parse/sync';
import { insertOrganizations, listOrganizations } from '../../db/repositories/organizations.repository';
import { MEMBERSHIP_KINDS, MEMBERSHIP_LABELS_JA, type ImportRowError, type MembershipKind, type OrganizationInput, organizationCreateSchema } from '../../shared/schemas/directory';
import { foldText } from '../../shared/search/fold';
import type { UserActor } from '../auth/policy';
import { translate, type Language, type TextKey } from '../../shared/i18n';
import { AppError } from '../errors';
import type { ServiceContext } from './context';
import { recordChanges } from './directory-changes';
import { accountEditor } from './directory-scope';
import { loadTaxonomy, resolveLabels } from './directory-taxonomy.service';
import { organizationRow, presentOrganization } from './organizations.service';
import { loadSpaceOrganizationTypes, membershipKindsOf, type SpaceOrganizationTypes } from './organizations-types';
import type { SpaceRow } from '../../db/repositories/spaces.repository';
import { toCsv } from './presenters/csv.presenter';
import { requireSpaceAccess } from './spaces.service';

/** The most rows one import takes. */
export const IMPORT_MAX_ROWS = 5000;

type Field = 'name' | 'kana' | 'membership' | 'organizationType' | 'districts' | 'contactName' | 'email' | 'phone' | 'url';
/** The columns, Japanese header first (what the export writes), then the English one. */
export const ORGANIZATION_COLUMNS: ReadonlyArray<{ field: Field; ja: string; en: string }> = [
  { field: 'name', ja: '団体名', en: 'name' },
  { field: 'kana', ja: 'ふりがな', en: 'kana' },
  { field: 'membership', ja: '会員種別', en: 'membership' },
  { field: 'organizationType', ja: '団体の種類', en: 'organization_type' },
  { field: 'districts', ja: '地区', en: 'districts' },
  { field: 'contactName', ja: '担当者', en: 'contact_name' },
  { field: 'email', ja: 'メール', en: 'email' },
  { field: 'phone', ja: '電話', en: 'phone' },
  { field: 'url', ja: 'ウェブサイト', en: 'website' },
];

/** The import's answer when every row is good. */
export interface ImportResult {
  encoding: 'UTF-8' | 'Shift_JIS';
  /** Rows as they would be stored (preview) — labels, not ids. */
  rows: Array<{ line: number } & OrganizationInput>;
  ignoredColumns: string[];
  imported: number;
}

/** An import refused: the bad rows, by line (the 400's `rows`). */
export class ImportRowsError extends AppError {
  constructor(readonly rows: ImportRowError[]) {
    super('bad_request', rows.length === 1 ? `line ${rows[0].line}: ${rows[0].message}` : `${rows.length} rows are not right; nothing was imported`);
  }
}

/**
 * What a clerk reads about a bad row, in the request's language (Japanese first): they fix
 * their Excel file from it, so each names the column by its header and says what to do.
 */
type RowText = (key: TextKey, values?: Record<string, string | number>) => string;
const rowTextIn = (lang: Language): RowText => (key, values) => translate(lang, key, values);

/** A column's header as the clerk wrote it (the Japanese one unless the request is English). */
function headerOf(field: string, lang: Language): string {
  const column = ORGANIZATION_COLUMNS.find((c) => c.field === field);
  return column ? (lang === 'en' ? column.en : column.ja) : field;
}

/** A field the schema refused, in words a clerk can act on: which column, and what is wrong with it. */
function fieldProblem(issue: { path: PropertyKey[]; code: string; maximum?: unknown }, lang: Language, text: RowText): string {
  const header = headerOf(String(issue.path[0] ?? ''), lang);
  if (issue.code === 'too_big') return text('import.row.tooLong', { column: header, max: Number(issue.maximum) });
  if (issue.code === 'too_small') return text('import.row.missing', { column: header });
  return text('import.row.badValue', { column: header });
}

/** Decode the bytes: UTF-8 (with or without BOM) or Shift_JIS/CP932; anything else is refused. */
export function decodeCsvBytes(bytes: Uint8Array, text: RowText = rowTextIn('ja')): { text: string; encoding: 'UTF-8' | 'Shift_JIS' } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: utf8(bytes.subarray(3), text), encoding: 'UTF-8' };
  const detected = Encoding.detect(bytes, ['UTF8', 'SJIS']) || Encoding.detect(bytes);
  if (detected === 'UTF8' || detected === 'ASCII') return { text: utf8(bytes, text), encoding: 'UTF-8' };
  if (detected === 'SJIS') return { text: Encoding.convert(bytes, { to: 'UNICODE', from: 'SJIS', type: 'string' }), encoding: 'Shift_JIS' };
  throw new ImportRowsError([{ line: 1, message: text('import.row.notText') }]);
}

function utf8(bytes: Uint8Array, text: RowText): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportRowsError([{ line: 1, message: text('import.row.notUtf8') }]);
  }
}

/** Records with the line each starts on (a quoted cell may hold line breaks). */
function recordsWithLines(csv: string, text: RowText): Array<{ line: number; cells: string[] }> {
  let parsed: Array<{ record: string[]; raw: string }>;
  try {
    parsed = parse(csv, { raw: true, relax_column_count: true, skip_empty_lines: false, trim: true }) as unknown as Array<{ record: string[]; raw: string }>;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new ImportRowsError([{ line, message: text('import.row.unparsable') }]);
  }
  let line = 1;
  const out: Array<{ line: number; cells: string[] }> = [];
  for (const { record, raw } of parsed) {
    if (record.some((c) => c !== '')) out.push({ line, cells: record });
    // csv-parse keeps the record's own line breaks in `raw`, and part of the one that ends it (CR of CRLF, or LF).
    line += raw.match(/\r\n|\r|\n/g)?.length ?? 0;
  }
  return out;
}

const HEADERS = new Map(ORGANIZATION_COLUMNS.flatMap((c) => [[foldText(c.ja), c.field] as const, [foldText(c.en), c.field] as const, [foldText(c.field), c.field] as const]));
const MEMBERSHIP = new Map<string, MembershipKind>([
  ...MEMBERSHIP_KINDS.map((k) => [foldText(k), k] as const),
  ...MEMBERSHIP_KINDS.map((k) => [foldText(MEMBERSHIP_LABELS_JA[k]), k] as const),
  ['', 'none'],
]);

/** One row's input, or why it is not right. */
function rowInput(cells: Partial<Record<Field, string>>, types: SpaceOrganizationTypes, kinds: ReadonlySet<MembershipKind>, lang: Language, text: RowText): { input?: OrganizationInput; message?: string } {
  const membership = MEMBERSHIP.get(foldText(cells.membership ?? ''));
  if (!membership) return { message: text('import.row.membershipUnknown', { column: headerOf('membership', lang), value: (cells.membership ?? '').slice(0, 30) }) };
  if (!kinds.has(membership)) return { message: text('import.row.membershipUnused', { column: headerOf('membership', lang), value: MEMBERSHIP_LABELS_JA[membership] }) };
  const typeName = cells.organizationType ?? '';
  const organizationType = typeName === '' ? types.idOf('other') : types.idOf(typeName);
  if (!organizationType) return { message: text('import.row.typeUnknown', { column: headerOf('organizationType', lang), value: typeName.slice(0, 30) }) };
  const districts = (cells.districts ?? '').split(/[、，,]/).map((d) => d.trim()).filter(Boolean);
  const parsed = organizationCreateSchema.safeParse({ ...cells, membership, organizationType, districts });
  if (!parsed.success) return { message: parsed.error.issues.map((issue) => fieldProblem(issue as Parameters<typeof fieldProblem>[0], lang, text)).join(text('import.row.separator')) };
  return { input: parsed.data };
}

/** Parse and check every row against the space; throws ImportRowsError listing every bad one. */
async function checkRows(ctx: ServiceContext, space: SpaceRow, bytes: Uint8Array, lang: Language): Promise<Omit<ImportResult, 'imported'>> {
  const spaceId = space.id;
  const kinds = membershipKindsOf(ctx, space);
  const say = rowTextIn(lang);
  const { text, encoding } = decodeCsvBytes(bytes, say);
  const [header, ...records] = recordsWithLines(text, say);
  if (!header) throw new ImportRowsError([{ line: 1, message: say('import.row.empty') }]);
  const fields = header.cells.map((h) => HEADERS.get(foldText(h)));
  if (!fields.includes('name')) throw new ImportRowsError([{ line: header.line, message: say('import.row.noNameColumn') }]);
  if (records.length > IMPORT_MAX_ROWS) throw new ImportRowsError([{ line: records[IMPORT_MAX_ROWS].line, message: say('import.row.tooMany', { max: IMPORT_MAX_ROWS }) }]);
  const types = await loadSpaceOrganizationTypes(ctx, spaceId);
  const existing = new Set((await listOrganizations(ctx.db, spaceId)).map((o) => foldText(o.name)));
  const seen = new Map<string, number>();
  const errors: ImportRowError[] = [];
  const rows: ImportResult['rows'] = [];
  for (const { line, cells } of records) {
    const byField: Partial<Record<Field, string>> = {};
    fields.forEach((field, i) => field && cells[i] !== undefined && (byField[field] = cells[i]));
    const { input, message } = rowInput(byField, types, kinds, lang, say);
    const key = foldText(input?.name ?? '');
    if (!input) errors.push({ line, message: message! });
    else if (existing.has(key)) errors.push({ line, message: say('import.row.alreadyMember', { name: input.name }) });
    else if (seen.has(key)) errors.push({ line, message: say('import.row.twice', { name: input.name, line: seen.get(key)! }) });
    else {
      seen.set(key, line);
      rows.push({ line, ...input });
    }
  }
  if (errors.length > 0) throw new ImportRowsError(errors);
  const ignoredColumns = header.cells.filter((_, i) => !fields[i] && header.cells[i] !== '');
  return { encoding, rows, ignoredColumns };
}

/**
 * `POST /api/spaces/:id/organizations/import` (the space's secretariat): with `preview`, the
 * rows as they would be stored; else every row stored in one transaction, or none.
 */
export async function importOrganizations(ctx: ServiceContext, actor: UserActor, spaceId: string, bytes: Uint8Array, preview: boolean, lang: Language = 'ja'): Promise<ImportResult> {
  const space = await requireSpaceAccess(ctx, actor, spaceId, 'manage');
  const checked = await checkRows(ctx, space, bytes, lang);
  if (preview) return { ...checked, imported: 0 };
  const at = ctx.now().toISOString();
  const editor = accountEditor(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const taxonomy = await loadTaxonomy(trx, spaceId);
    const stored = [];
    for (const row of checked.rows) stored.push(organizationRow(spaceId, row, await resolveLabels(trx, spaceId, taxonomy, 'districts', row.districts ?? []), at));
    await insertOrganizations(trx, stored);
    for (const row of stored) {
      await recordChanges(trx, { spaceId, organizationId: row.id, entity: 'organization', entityId: row.id }, null, { ...presentOrganization(ctx, row, taxonomy) }, ['name', 'kana', 'membership', 'organizationType', 'districts', 'contactName', 'email', 'phone', 'url'], editor, at);
    }
  });
  return { ...checked, imported: checked.rows.length };
}

/** `GET /api/spaces/:id/organizations.csv`: the import's columns under their Japanese headers (UTF-8 with BOM). */
export async function organizationsCsv(ctx: ServiceContext, actor: UserActor, spaceId: string): Promise<string> {
  await requireSpaceAccess(ctx, actor, spaceId, 'read');
  const [taxonomy, types, rows] = await Promise.all([loadTaxonomy(ctx.db, spaceId), loadSpaceOrganizationTypes(ctx, spaceId), listOrganizations(ctx.db, spaceId)]);
  const lines = rows.map((row) => {
    const o = presentOrganization(ctx, row, taxonomy);
    return [o.name, o.kana, MEMBERSHIP_LABELS_JA[o.membership], types.labelOf(o.organizationType), o.districts.join('、'), o.contactName, o.email, o.phone, o.url];
  });
  return toCsv(ORGANIZATION_COLUMNS.map((c) => c.ja), lines);
}
