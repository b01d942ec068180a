import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, TemplatesTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type TemplateRow = Selectable<TemplatesTable>;

export async function insertTemplate(db: Db, row: TemplateRow): Promise<void> {
  await db.insertInto('templates').values(row).execute();
}

export async function findTemplateById(db: Db, id: string): Promise<TemplateRow | undefined> {
  return db.selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listTemplates(db: Db): Promise<TemplateRow[]> {
  return db.selectFrom('templates').selectAll().orderBy('created_at').execute();
}
