import type { Kysely } from 'kysely';

// Frozen: a migration never changes once released; later changes get a new file.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('theme', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('sessions').addColumn('table_mode', 'text', (c) => c.notNull().defaultTo('none')).execute();
  await db.schema.alterTable('sessions').addColumn('phases', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  // The running state (phase, timer, lock, follow, spotlight, share) as one JSON document.
  await db.schema.alterTable('sessions').addColumn('control', 'text', (c) => c.notNull().defaultTo('{}')).execute();

  await db.schema.alterTable('boards').addColumn('name', 'text').execute();
  await db.schema.alterTable('boards').addColumn('kind', 'text', (c) => c.notNull().defaultTo('main')).execute();
  await db.schema.alterTable('boards').addColumn('theme', 'text', (c) => c.notNull().defaultTo('')).execute();

  await db.schema.alterTable('participants').addColumn('room', 'text').execute();
  await db.schema.alterTable('participants').addColumn('scribe', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('participants').addColumn('proxy', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('templates').execute();
  for (const [table, column] of [
    ['participants', 'proxy'],
    ['participants', 'scribe'],
    ['participants', 'room'],
    ['boards', 'theme'],
    ['boards', 'kind'],
    ['boards', 'name'],
    ['sessions', 'control'],
    ['sessions', 'phases'],
    ['sessions', 'table_mode'],
    ['sessions', 'theme'],
  ]) {
    await db.schema.alterTable(table).dropColumn(column).execute();
  }
}
