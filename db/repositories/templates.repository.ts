import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, TemplatesTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type TemplateRow = Selectable<TemplatesTable>;

export async function insertTemplate(db: Db, row: Insertable<TemplatesTable>): Promise<void> {
  await db.insertInto('templates').values(row).execute();
}

export async function findTemplateById(db: Db, id: string): Promise<TemplateRow | undefined> {
  return db.selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Saved templates, oldest first: all of them, or those `visibleTo` owns plus the shared ones. */
export async function listTemplates(db: Db, visibleTo?: string): Promise<TemplateRow[]> {
  let query = db.selectFrom('templates').selectAll().orderBy('created_at');
  if (visibleTo !== undefined) query = query.where((eb) => eb.or([eb('owner_id', '=', visibleTo), eb('shared', '=', 1)]));
  return query.execute();
}

export async function updateTemplateSharing(db: Db, id: string, shared: boolean): Promise<void> {
  await db.updateTable('templates').set({ shared: shared ? 1 : 0 }).where('id', '=', id).execute();
}
