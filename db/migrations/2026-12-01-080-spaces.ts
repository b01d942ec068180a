import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

// Frozen: a migration never changes once released; later changes get a new file.
// The first space gets a neutral name (the admin renames it, e.g. to 孤独・孤立対策PF): an
// installation may have been set up for any initiative.
const FIRST_SPACE_NAME = 'はじめのスペース';
// What a space uses until its secretariat says otherwise: all three membership kinds, and the
// standard closing survey (an empty list, as on sessions).
const DEFAULT_SETTINGS = JSON.stringify({ membershipKinds: ['relation', 'partner', 'council'], surveyDefaults: [] });

export async function up(db: Kysely<any>): Promise<void> {
  // A space is one initiative on the installation: its own secretariat, facilitators,
  // templates, sessions and figures.
  await db.schema
    .createTable('spaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();

  // Who works in a space, and as what (an account may work in several spaces).
  await db.schema
    .createTable('space_members')
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('space_members_pk', ['space_id', 'user_id'])
    .execute();
  await db.schema.createIndex('space_members_user').on('space_members').column('user_id').execute();

  // A space's changes to the installation's organisation types: `retired` hides an
  // installation type in this space; `added` is a type of the space's own (labels here).
  await db.schema
    .createTable('space_organization_types')
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('type_id', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('label_ja', 'text')
    .addColumn('label_en', 'text')
    .addColumn('position', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('space_organization_types_pk', ['space_id', 'type_id'])
    .execute();

  // Sessions and saved templates belong to a space (templates: null = installation-wide).
  await db.schema.alterTable('sessions').addColumn('space_id', 'text').execute();
  await db.schema.alterTable('templates').addColumn('space_id', 'text').execute();
  await db.schema.createIndex('sessions_space').on('sessions').column('space_id').execute();

  // Everything that exists moves into a first space, with every account's current role.
  const id = randomUUID();
  await db.insertInto('spaces').values({ id, name: FIRST_SPACE_NAME, settings: DEFAULT_SETTINGS, created_at: new Date().toISOString(), created_by: null }).execute();
  await db.updateTable('sessions').set({ space_id: id }).execute();
  await db.updateTable('templates').set({ space_id: id }).execute();
  const people = await db.selectFrom('users').select(['id', 'role']).where('role', '!=', 'admin').execute();
  if (people.length > 0) {
    await db
      .insertInto('space_members')
      .values(people.map((p: { id: string; role: string }) => ({ space_id: id, user_id: p.id, role: p.role })))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_space').execute();
  await db.schema.alterTable('templates').dropColumn('space_id').execute();
  await db.schema.alterTable('sessions').dropColumn('space_id').execute();
  await db.schema.dropTable('space_organization_types').execute();
  await db.schema.dropTable('space_members').execute();
  await db.schema.dropTable('spaces').execute();
}
