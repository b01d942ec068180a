import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database, SpaceMembersTable, SpaceOrganizationTypesTable, SpacesTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type SpaceRow = Selectable<SpacesTable>;
export type SpaceMemberRow = Selectable<SpaceMembersTable>;
export type SpaceOrganizationTypeRow = Selectable<SpaceOrganizationTypesTable>;

export async function insertSpace(db: Db, row: Insertable<SpacesTable>): Promise<void> {
  await db.insertInto('spaces').values(row).execute();
}

export async function findSpaceById(db: Db, id: string): Promise<SpaceRow | undefined> {
  return db.selectFrom('spaces').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateSpace(db: Db, id: string, patch: Updateable<SpacesTable>): Promise<void> {
  await db.updateTable('spaces').set(patch).where('id', '=', id).execute();
}

/** Spaces oldest first (ties by id): all of them, or only those `memberId` works in. */
export async function listSpaces(db: Db, memberId?: string): Promise<SpaceRow[]> {
  let query = db.selectFrom('spaces').selectAll('spaces').orderBy('spaces.created_at').orderBy('spaces.id');
  if (memberId !== undefined) {
    query = query.innerJoin('space_members', 'space_members.space_id', 'spaces.id').where('space_members.user_id', '=', memberId);
  }
  return query.execute();
}

export async function countSpaces(db: Db): Promise<number> {
  const row = await db.selectFrom('spaces').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The spaces an account works in, with its role in each. */
export async function listMembershipsOfUser(db: Db, userId: string): Promise<SpaceMemberRow[]> {
  return db.selectFrom('space_members').selectAll().where('user_id', '=', userId).execute();
}

/** Who works in a space, with their account's name and e-mail, by name. */
export async function listSpaceMembers(db: Db, spaceId: string): Promise<Array<SpaceMemberRow & { display_name: string; email: string }>> {
  return db
    .selectFrom('space_members')
    .innerJoin('users', 'users.id', 'space_members.user_id')
    .select(['space_members.space_id', 'space_members.user_id', 'space_members.role', 'users.display_name', 'users.email'])
    .where('space_members.space_id', '=', spaceId)
    .orderBy('users.display_name')
    .execute();
}

/** Replace a space's members with this list. */
export async function replaceSpaceMembers(db: Db, spaceId: string, members: Array<Pick<SpaceMemberRow, 'user_id' | 'role'>>): Promise<void> {
  await db.deleteFrom('space_members').where('space_id', '=', spaceId).execute();
  if (members.length > 0) {
    await db.insertInto('space_members').values(members.map((m) => ({ space_id: spaceId, user_id: m.user_id, role: m.role }))).execute();
  }
}

export async function insertSpaceMember(db: Db, row: Insertable<SpaceMembersTable>): Promise<void> {
  await db.insertInto('space_members').values(row).execute();
}

/** A space's changes to the installation's organisation types. */
export async function listSpaceOrganizationTypes(db: Db, spaceId: string): Promise<SpaceOrganizationTypeRow[]> {
  return db.selectFrom('space_organization_types').selectAll().where('space_id', '=', spaceId).orderBy('position').orderBy('created_at').execute();
}

/** Replace a space's changes to the organisation types with this list. */
export async function replaceSpaceOrganizationTypes(db: Db, spaceId: string, rows: Array<Omit<Insertable<SpaceOrganizationTypesTable>, 'space_id'>>): Promise<void> {
  await db.deleteFrom('space_organization_types').where('space_id', '=', spaceId).execute();
  if (rows.length > 0) {
    await db.insertInto('space_organization_types').values(rows.map((r) => ({ ...r, space_id: spaceId }))).execute();
  }
}
