import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import type { TestServer } from './server';

/**
 * How many updates a room has stored in its log (since its last snapshot). A Y.Map keyed by
 * id can never show a duplicate; a replayed command that is stored twice shows here.
 */
export async function storedUpdateCount(server: TestServer, room: string): Promise<number> {
  const row = await server.app.database.db
    .selectFrom('doc_updates')
    .select(sql<number>`count(*)`.as('n'))
    .where('room', '=', room)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The same count read from a data folder's SQLite file, for a server running in a child process. */
export function storedUpdateCountIn(dataDir: string, room: string): number {
  const db = new Database(path.join(dataDir, 'yoriai.sqlite'), { readonly: true });
  try {
    return (db.prepare('select count(*) n from doc_updates where room = ?').get(room) as { n: number }).n;
  } finally {
    db.close();
  }
}
