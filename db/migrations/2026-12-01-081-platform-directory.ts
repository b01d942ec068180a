import type { Kysely } from 'kysely';

// Frozen: a migration never changes once released; later changes get a new file.
export async function up(db: Kysely<any>): Promise<void> {
  // Member organisations of a space (関係会員 / パートナー会員 / 協議会員). Lists of districts are
  // JSON text: a handful of labels per row, read whole, never queried inside.
  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kana', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('membership', 'text', (c) => c.notNull())
    .addColumn('organization_type', 'text', (c) => c.notNull())
    .addColumn('districts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('joined_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organizations_space').on('organizations').column('space_id').execute();

  // What an organisation offers, aligned with Open Referral HSDS (service, location, schedule,
  // eligibility). space_id is kept on the row so the directory reads one space without a join.
  // Categories, audiences and districts hold term ids of the space's taxonomies.
  await db.schema
    .createTable('resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('categories', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('audiences', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('districts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('schedule_rrule', 'text')
    .addColumn('opens_at', 'text')
    .addColumn('closes_at', 'text')
    .addColumn('fees', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('capacity', 'integer')
    .addColumn('how_to_apply', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_confirmed_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resources_space').on('resources').column('space_id').execute();
  await db.schema.createIndex('resources_organization').on('resources').column('organization_id').execute();

  // A space's taxonomies (facet: categories, audiences, districts). Ids stay when a label is
  // renamed; a retired term is no longer offered but still names the entries that carry it.
  await db.schema
    .createTable('directory_terms')
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addPrimaryKeyConstraint('directory_terms_pk', ['space_id', 'facet', 'id'])
    .execute();

  // Personal update links: only a hash of the token is kept, so a copy of the database opens
  // no organisation's entries.
  await db.schema
    .createTable('update_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('update_links_organization').on('update_links').column('organization_id').execute();

  // Field-by-field history of organisations and resources: who (`user:<id>` or
  // `link:<organisation id>`), when, before and after. Kept when the entity is deleted.
  await db.schema
    .createTable('directory_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('before_value', 'text')
    .addColumn('after_value', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('directory_changes_organization').on('directory_changes').columns(['organization_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('directory_changes').execute();
  await db.schema.dropTable('update_links').execute();
  await db.schema.dropTable('directory_terms').execute();
  await db.schema.dropTable('resources').execute();
  await db.schema.dropTable('organizations').execute();
}
