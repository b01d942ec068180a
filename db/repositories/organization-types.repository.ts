import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database, OrganizationTypesTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type OrganizationTypeRow = Selectable<OrganizationTypesTable>;

/** Every organisation type, retired ones too, in display order. */
export async function listOrganizationTypes(db: Db): Promise<OrganizationTypeRow[]> {
  return db.selectFrom('organization_types').selectAll().orderBy('position').orderBy('id').execute();
}

export async function findOrganizationType(db: Db, id: string): Promise<OrganizationTypeRow | undefined> {
  return db.selectFrom('organization_types').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOrganizationType(db: Db, row: Insertable<OrganizationTypesTable>): Promise<void> {
  await db.insertInto('organization_types').values(row).execute();
}

export async function updateOrganizationType(db: Db, id: string, patch: Updateable<OrganizationTypesTable>): Promise<void> {
  await db.updateTable('organization_types').set(patch).where('id', '=', id).execute();
}
