import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: a migration never changes once released; later changes get a new file.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('survey', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('sessions').addColumn('venue', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('sessions').addColumn('held_on', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('series', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('sessions').addColumn('closed_at', 'text').execute();

  await db.schema
    .createTable('survey_responses')
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_responses_pk', ['session_id', 'participant_id'])
    .execute();

  await db.schema
    .createTable('archived_boards')
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('room', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('persona', 'text', (c) => c.notNull())
    .addColumn('stages', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('archived_boards_pk', ['session_id', 'room'])
    .execute();
  await db.schema
    .createTable('archived_cards')
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('room', 'text', (c) => c.notNull())
    .addColumn('card_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('stage_id', 'text')
    .addColumn('group_id', 'text')
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('organization_type', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('archived_cards_pk', ['session_id', 'room', 'card_id'])
    .execute();
  await db.schema
    .createTable('archived_groups')
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('room', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('stage_id', 'text')
    .addPrimaryKeyConstraint('archived_groups_pk', ['session_id', 'room', 'group_id'])
    .execute();

  await db.schema
    .createTable('action_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_notes_action').on('action_notes').columns(['action_id', 'created_at']).execute();

  // Full-text search for the archive, by substring so Japanese needs no word breaks. SQLite:
  // FTS5 with the trigram tokenizer (`text LIKE '%食堂%'`; under three characters, a scan).
  // PostgreSQL: a plain table with a pg_trgm GIN index serving `ILIKE`.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await db.schema
      .createTable('session_search')
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .execute();
    await sql`create index session_search_text on session_search using gin (text gin_trgm_ops)`.execute(db);
    await db.schema.createIndex('session_search_session').on('session_search').column('session_id').execute();
  } else {
    await sql`create virtual table session_search using fts5(session_id unindexed, source unindexed, text, tokenize = 'trigram')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('session_search').execute();
  for (const table of ['action_notes', 'archived_groups', 'archived_cards', 'archived_boards', 'survey_responses']) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of ['closed_at', 'series', 'held_on', 'venue', 'survey']) {
    await db.schema.alterTable('sessions').dropColumn(column).execute();
  }
}
