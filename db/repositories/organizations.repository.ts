import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database, OrganizationsTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type OrganizationRow = Selectable<OrganizationsTable>;

/** The organisations of a space, by reading (kana) then name. */
export async function listOrganizations(db: Db, spaceId: string): Promise<OrganizationRow[]> {
  return db.selectFrom('organizations').selectAll().where('space_id', '=', spaceId).orderBy('kana').orderBy('name').orderBy('id').execute();
}

export async function findOrganization(db: Db, id: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOrganizations(db: Db, rows: Insertable<OrganizationsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('organizations').values(rows.slice(i, i + 100)).execute();
}

export async function updateOrganization(db: Db, id: string, patch: Updateable<OrganizationsTable>): Promise<void> {
  await db.updateTable('organizations').set(patch).where('id', '=', id).execute();
}

/** Follow-up actions of a space's sessions whose owner organisation is one of `names` (compared as stored). */
export async function listActionsOwnedBy(db: Db, spaceId: string): Promise<Array<{ id: string; session_id: string; session_title: string; title: string; owner_organization: string; due_date: string | null; status: string }>> {
  return db
    .selectFrom('actions')
    .innerJoin('sessions', 'sessions.id', 'actions.session_id')
    .select(['actions.id', 'actions.session_id', 'sessions.title as session_title', 'actions.title', 'actions.owner_organization', 'actions.due_date', 'actions.status'])
    .where('sessions.space_id', '=', spaceId)
    .where('actions.owner_organization', '!=', '')
    .orderBy('actions.created_at')
    .execute();
}
