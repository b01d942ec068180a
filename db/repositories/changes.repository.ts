import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, DirectoryChangesTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type DirectoryChangeRow = Selectable<DirectoryChangesTable>;

export async function insertChanges(db: Db, rows: Insertable<DirectoryChangesTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('directory_changes').values(rows.slice(i, i + 200)).execute();
}

/** The history of an organisation and its resources, newest first. */
export async function listChangesOfOrganization(db: Db, organizationId: string, limit = 500): Promise<DirectoryChangeRow[]> {
  return db.selectFrom('directory_changes').selectAll().where('organization_id', '=', organizationId).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
