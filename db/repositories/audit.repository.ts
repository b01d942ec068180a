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

/** The latest entry of an action about a target written at or after `since`, if any. */
export async function findRecentAuditEntry(db: Db, action: string, target: string, since: string): Promise<AuditRow | undefined> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('target', '=', target)
    .where('at', '>=', since)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function updateAuditDetail(db: Db, id: number, detail: string): Promise<void> {
  await db.updateTable('audit_log').set({ detail }).where('id', '=', id).execute();
}
