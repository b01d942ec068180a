import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: a migration never changes once released; later changes get a new file.
export async function up(db: Kysely<any>): Promise<void> {
  // Card-level search: one row per card, group, board preparation and title of an archived
  // session, with its text as typed and the folded text (NFKC, lower case, katakana as
  // hiragana) that queries, folded the same way, are matched against. SQLite: FTS5 trigram over
  // the folded text (LIKE uses it from three characters; shorter is a scan of the same column).
  // PostgreSQL: a plain table with a pg_trgm index serving LIKE.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema
      .createTable('search_entries')
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'text', (c) => c.notNull())
      .addColumn('room', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('hidden', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('folded', 'text', (c) => c.notNull())
      .execute();
    await sql`create index search_entries_folded on search_entries using gin (folded gin_trgm_ops)`.execute(db);
    await db.schema.createIndex('search_entries_session').on('search_entries').column('session_id').execute();
  } else {
    await sql`create virtual table search_entries using fts5(session_id unindexed, source unindexed, ref_id unindexed, room unindexed, kind unindexed, hidden unindexed, text unindexed, folded, tokenize = 'trigram')`.execute(db);
  }

  // Spelling variants searched as one (こども / 子ども / 子供); the admin extends the list.
  await db.schema
    .createTable('search_variants')
    .addColumn('group_position', 'integer', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_variants_pk', ['group_position', 'term'])
    .execute();
  const defaults = [
    ['こども', '子ども', '子供'],
    ['障害', '障がい', '障碍'],
    ['ひきこもり', '引きこもり', '引き籠もり'],
    ['社協', '社会福祉協議会'],
    ['居場所', 'いばしょ'],
  ];
  await db
    .insertInto('search_variants')
    .values(defaults.flatMap((terms, group) => terms.map((term) => ({ group_position: group, term }))))
    .execute();

  // The history of a follow-up action: who changed which field when, from what to what.
  await db.schema
    .createTable('action_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_changes_action').on('action_changes').columns(['action_id', 'at']).execute();

  // Accounts: disabled ones cannot sign in; the last sign-in is shown to the admin.
  await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('last_login_at', 'text').execute();

  // One-time set-password links (stored as a hash of the token; valid 72 h; used once).
  await db.schema
    .createTable('password_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('password_links_user').on('password_links').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_links').execute();
  await db.schema.alterTable('users').dropColumn('last_login_at').execute();
  await db.schema.alterTable('users').dropColumn('disabled_at').execute();
  await db.schema.dropTable('action_changes').execute();
  await db.schema.dropTable('search_variants').execute();
  await db.schema.dropTable('search_entries').execute();
}
