import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { dialectOf } from '../dialect';
import type { ArchivedBoardsTable, ArchivedCardsTable, ArchivedGroupsTable, Database, SurveyResponsesTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type SurveyResponseRow = Selectable<SurveyResponsesTable>;
export type ArchivedBoardRow = Selectable<ArchivedBoardsTable>;
export type ArchivedCardRow = Selectable<ArchivedCardsTable>;
export type ArchivedGroupRow = Selectable<ArchivedGroupsTable>;

/** Record (or replace) a participant's survey answers. */
export async function upsertSurveyResponse(db: Db, row: SurveyResponseRow): Promise<void> {
  await db
    .insertInto('survey_responses')
    .values(row)
    .onConflict((oc) => oc.columns(['session_id', 'participant_id']).doUpdateSet({ answers: row.answers, submitted_at: row.submitted_at }))
    .execute();
}

export async function listSurveyResponses(db: Db, sessionId: string): Promise<SurveyResponseRow[]> {
  return db.selectFrom('survey_responses').selectAll().where('session_id', '=', sessionId).orderBy('submitted_at').execute();
}

export async function findSurveyResponse(db: Db, sessionId: string, participantId: string): Promise<SurveyResponseRow | undefined> {
  return db.selectFrom('survey_responses').selectAll().where('session_id', '=', sessionId).where('participant_id', '=', participantId).executeTakeFirst();
}

/** Remove one stored survey response (a paper sheet typed in by mistake). */
export async function deleteSurveyResponse(db: Db, sessionId: string, participantId: string): Promise<void> {
  await db.deleteFrom('survey_responses').where('session_id', '=', sessionId).where('participant_id', '=', participantId).execute();
}

/** Replace a session's archived boards, cards, groups and search text (one close). */
export async function replaceArchive(
  db: Db,
  sessionId: string,
  archive: {
    boards: Insertable<ArchivedBoardsTable>[];
    cards: Insertable<ArchivedCardsTable>[];
    groups: Insertable<ArchivedGroupsTable>[];
    search: Array<{ source: string; text: string }>;
  },
): Promise<void> {
  for (const table of ['archived_cards', 'archived_groups', 'archived_boards', 'session_search'] as const) {
    await db.deleteFrom(table).where('session_id', '=', sessionId).execute();
  }
  // Batches keep each statement under SQLite's variable limit.
  const batches = <T>(rows: T[], size = 200) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
  for (const rows of batches(archive.boards)) await db.insertInto('archived_boards').values(rows).execute();
  for (const rows of batches(archive.cards)) await db.insertInto('archived_cards').values(rows).execute();
  for (const rows of batches(archive.groups)) await db.insertInto('archived_groups').values(rows).execute();
  for (const rows of batches(archive.search.filter((s) => s.text.trim() !== ''))) {
    await db.insertInto('session_search').values(rows.map((r) => ({ session_id: sessionId, ...r }))).execute();
  }
}

export async function listArchivedBoards(db: Db, sessionId: string): Promise<ArchivedBoardRow[]> {
  return db.selectFrom('archived_boards').selectAll().where('session_id', '=', sessionId).orderBy('position').execute();
}
export async function listArchivedCards(db: Db, sessionId: string): Promise<ArchivedCardRow[]> {
  return db.selectFrom('archived_cards').selectAll().where('session_id', '=', sessionId).orderBy('created_at').orderBy('card_id').execute();
}
export async function listArchivedGroups(db: Db, sessionId: string): Promise<ArchivedGroupRow[]> {
  return db.selectFrom('archived_groups').selectAll().where('session_id', '=', sessionId).execute();
}

/** Erase author names on archived cards of these sessions. */
export async function eraseArchivedNames(db: Db, sessionIds: string[]): Promise<void> {
  if (sessionIds.length > 0) await db.updateTable('archived_cards').set({ author_name: '' }).where('session_id', 'in', sessionIds).execute();
}

/**
 * Sessions whose archived text contains `query` (any length: the trigram index serves three
 * characters and more, shorter queries such as 食堂 are a scan of the same table), with the
 * first matching text of each.
 */
export async function searchArchive(db: Db, query: string): Promise<Array<{ session_id: string; text: string }>> {
  const special = /[\\%_]/.test(query);
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // PostgreSQL: ILIKE (backslash is its default escape) on the pg_trgm index. SQLite: an ESCAPE
  // clause keeps FTS5 from using the trigram index, so it is only added when needed.
  const where =
    dialectOf(db) === 'postgres' ? sql`text ilike ${pattern}` : special ? sql`text like ${pattern} escape '\\'` : sql`text like ${pattern}`;
  const rows = await sql<{ session_id: string; text: string }>`
    select session_id, min(text) as text from session_search where ${where} group by session_id`.execute(db);
  return rows.rows;
}

export async function insertActionNote(db: Db, row: { id: string; action_id: string; note: string; author_user_id: string | null; created_at: string }): Promise<void> {
  await db.insertInto('action_notes').values(row).execute();
}

export async function listActionNotes(db: Db, actionIds: string[]): Promise<Array<{ id: string; action_id: string; note: string; created_at: string }>> {
  if (actionIds.length === 0) return [];
  return db.selectFrom('action_notes').select(['id', 'action_id', 'note', 'created_at']).where('action_id', 'in', actionIds).orderBy('created_at').execute();
}

/** Actions of these sessions with their session's title and date, for the follow-up register. */
export async function listActionsOfSessions(db: Db, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom('actions')
    .innerJoin('sessions', 'sessions.id', 'actions.session_id')
    .selectAll('actions')
    .select(['sessions.title as session_title', 'sessions.held_on as session_held_on', 'sessions.created_at as session_created_at'])
    .where('actions.session_id', 'in', sessionIds)
    .orderBy('actions.due_date')
    .orderBy('actions.created_at')
    .execute();
}

/** Record changes of an action's fields (its history). */
export async function insertActionChanges(
  db: Db,
  rows: Array<{ id: string; action_id: string; field: string; from_value: string | null; to_value: string | null; actor_user_id: string | null; actor_name: string; at: string }>,
): Promise<void> {
  if (rows.length > 0) await db.insertInto('action_changes').values(rows).execute();
}

/** The history of these actions, oldest first. */
export async function listActionChanges(db: Db, actionIds: string[]) {
  if (actionIds.length === 0) return [];
  return db.selectFrom('action_changes').selectAll().where('action_id', 'in', actionIds).orderBy('at').orderBy('id').execute();
}
