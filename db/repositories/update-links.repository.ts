import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, UpdateLinksTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type UpdateLinkRow = Selectable<UpdateLinksTable>;

export async function insertUpdateLink(db: Db, row: Insertable<UpdateLinksTable>): Promise<void> {
  await db.insertInto('update_links').values(row).execute();
}

export async function findUpdateLinkByHash(db: Db, tokenHash: string): Promise<UpdateLinkRow | undefined> {
  return db.selectFrom('update_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Revoke every link of an organisation still open; how many were. */
export async function revokeUpdateLinks(db: Db, organizationId: string, at: string): Promise<number> {
  const result = await db.updateTable('update_links').set({ revoked_at: at }).where('organization_id', '=', organizationId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The organisation's link that is neither revoked nor expired, if any. */
export async function findOpenUpdateLink(db: Db, organizationId: string, now: string): Promise<UpdateLinkRow | undefined> {
  return db
    .selectFrom('update_links')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function markUpdateLinkUsed(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('update_links').set({ last_used_at: at }).where('id', '=', id).execute();
}
