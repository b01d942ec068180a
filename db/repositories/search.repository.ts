import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { dialectOf } from '../dialect';
import type { Database, SearchEntriesTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type SearchEntryRow = Selectable<SearchEntriesTable>;

/** Replace the search entries of one session (one close, or a first index of an older archive). */
export async function replaceSearchEntries(db: Db, sessionId: string, rows: Insertable<SearchEntriesTable>[]): Promise<void> {
  await db.deleteFrom('search_entries').where('session_id', '=', sessionId).execute();
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('search_entries').values(rows.slice(i, i + 200)).execute();
}

/** Remove a session's search entries (the session is deleted). */
export async function deleteSearchEntries(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('search_entries').where('session_id', '=', sessionId).execute();
}

/** Which of these sessions have search entries (every indexed session has at least its title). */
export async function indexedSessionIds(db: Db, sessionIds: string[]): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set();
  const rows = await db.selectFrom('search_entries').select('session_id').distinct().where('session_id', 'in', sessionIds).execute();
  return new Set(rows.map((r) => r.session_id));
}

/**
 * Entries whose folded text contains any of the folded spellings. SQLite's trigram index serves
 * a LIKE of three characters or more; shorter spellings (食堂, 社協) are a scan of the same
 * folded column, which is what keeps them findable. PostgreSQL: LIKE on the pg_trgm index.
 * Hidden cards are left out unless asked for.
 */
export async function searchEntries(db: Db, spellings: string[], options: { includeHidden?: boolean; limit: number; sessionIds?: string[] }): Promise<SearchEntryRow[]> {
  if (spellings.length === 0 || options.sessionIds?.length === 0) return [];
  const escape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  const special = spellings.some((s) => /[\\%_]/.test(s));
  const likes = spellings.map((s) => {
    const pattern = `%${escape(s)}%`;
    // An ESCAPE clause keeps SQLite's FTS5 from using the trigram index, so it is added only when needed.
    return dialectOf(db) === 'postgres' || !special ? sql`folded like ${pattern}` : sql`folded like ${pattern} escape '\\'`;
  });
  const where = sql.join(likes, sql` or `);
  const hidden = options.includeHidden ? sql`` : sql` and hidden = 0`;
  const sessions = options.sessionIds ? sql` and session_id in (${sql.join(options.sessionIds)})` : sql``;
  const rows = await sql<SearchEntryRow>`
    select session_id, source, ref_id, room, kind, hidden, text, folded from search_entries
    where (${where})${hidden}${sessions} limit ${options.limit}`.execute(db);
  return rows.rows.map((r) => ({ ...r, hidden: Number(r.hidden) }));
}

/** The spelling variant groups, in order. */
export async function listVariantGroups(db: Db): Promise<string[][]> {
  const rows = await db.selectFrom('search_variants').select(['group_position', 'term']).orderBy('group_position').execute();
  const groups = new Map<number, string[]>();
  for (const r of rows) groups.set(r.group_position, [...(groups.get(r.group_position) ?? []), r.term]);
  return [...groups.values()];
}

/** Replace the whole variant list. */
export async function replaceVariantGroups(db: Db, groups: string[][]): Promise<void> {
  await db.deleteFrom('search_variants').execute();
  const rows = groups.flatMap((terms, group) => terms.map((term) => ({ group_position: group, term })));
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('search_variants').values(rows.slice(i, i + 200)).execute();
}
