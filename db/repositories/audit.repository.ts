import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { AuditLogTable, Database } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type AuditRow = Selectable<AuditLogTable>;

export async function insertAuditEntry(db: Db, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

/** Newest first; only one session's entries when `sessionId` is given. */
export async function listAuditEntries(db: Db, options: { sessionId?: string; limit: number }): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(options.limit);
  if (options.sessionId) query = query.where('session_id', '=', options.sessionId);
  return query.execute();
}
