import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

/** Revoke every token of a session, returning their hashes (so live sockets can be cut). */
export async function revokeSessionTokens(db: Db, sessionId: string, now: string): Promise<string[]> {
  const rows = await db.updateTable('access_tokens').set({ revoked_at: now }).where('session_id', '=', sessionId).where('revoked_at', 'is', null).returning('token_hash').execute();
  return rows.map((r) => r.token_hash);
}

/**
 * Delete a session and everything of it: its rooms' stored updates and snapshots, its search
 * text (neither has a foreign key: rooms are names, and SQLite's FTS tables take none), then the
 * row, whose foreign keys cascade to boards, participants, tokens, votes, polls, decisions,
 * actions with their notes and history, survey answers and the archive.
 */
export async function deleteSessionData(db: Db, sessionId: string, rooms: string[]): Promise<void> {
  if (rooms.length > 0) {
    await db.deleteFrom('doc_updates').where('room', 'in', rooms).execute();
    await db.deleteFrom('doc_snapshots').where('room', 'in', rooms).execute();
  }
  await db.deleteFrom('session_search').where('session_id', '=', sessionId).execute();
  await db.deleteFrom('search_entries').where('session_id', '=', sessionId).execute();
  // Votes and polls cascade from the session; their dots and answers cascade from them.
  await sql`delete from sessions where id = ${sessionId}`.execute(db);
}
