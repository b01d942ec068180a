import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database, DirectoryTermsTable, ResourcesTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type ResourceRow = Selectable<ResourcesTable>;
export type TermRow = Selectable<DirectoryTermsTable>;

/** Every resource of a space (the directory filters them in memory: a space holds hundreds, not millions). */
export async function listResourcesOfSpace(db: Db, spaceId: string): Promise<ResourceRow[]> {
  return db.selectFrom('resources').selectAll().where('space_id', '=', spaceId).orderBy('name').orderBy('id').execute();
}

export async function listResourcesOfOrganization(db: Db, organizationId: string): Promise<ResourceRow[]> {
  return db.selectFrom('resources').selectAll().where('organization_id', '=', organizationId).orderBy('created_at').orderBy('id').execute();
}

export async function findResource(db: Db, id: string): Promise<ResourceRow | undefined> {
  return db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertResource(db: Db, row: Insertable<ResourcesTable>): Promise<void> {
  await db.insertInto('resources').values(row).execute();
}

export async function updateResource(db: Db, id: string, patch: Updateable<ResourcesTable>): Promise<void> {
  await db.updateTable('resources').set(patch).where('id', '=', id).execute();
}

export async function deleteResource(db: Db, id: string): Promise<void> {
  await db.deleteFrom('resources').where('id', '=', id).execute();
}

/** Renew the last-confirmed day of every resource of an organisation ("still correct"). */
export async function confirmResourcesOfOrganization(db: Db, organizationId: string, day: string, at: string): Promise<void> {
  await db.updateTable('resources').set({ last_confirmed_on: day, updated_at: at }).where('organization_id', '=', organizationId).execute();
}

/** The terms of a space's taxonomies, retired ones too, in order. */
export async function listTerms(db: Db, spaceId: string): Promise<TermRow[]> {
  return db.selectFrom('directory_terms').selectAll().where('space_id', '=', spaceId).orderBy('facet').orderBy('position').orderBy('id').execute();
}

/** Add terms; one that exists (same space, facet, id) is left as it is, so two first reads cannot clash. */
export async function insertTermsIfMissing(db: Db, rows: Insertable<DirectoryTermsTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('directory_terms').values(rows).onConflict((oc) => oc.columns(['space_id', 'facet', 'id']).doNothing()).execute();
}

export async function updateTerm(db: Db, spaceId: string, facet: string, id: string, patch: Updateable<DirectoryTermsTable>): Promise<void> {
  await db.updateTable('directory_terms').set(patch).where('space_id', '=', spaceId).where('facet', '=', facet).where('id', '=', id).execute();
}
