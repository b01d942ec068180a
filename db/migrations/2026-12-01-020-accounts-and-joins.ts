import { type Kysely, sql } from 'kysely';

// Frozen: a migration never changes once released; later changes get a new file.
export async function up(db: Kysely<any>): Promise<void> {
  // Templates are private to their owner unless shared. A saved template whose creator is
  // no longer an account has nobody to keep it private for, so it becomes shared.
  await db.schema.alterTable('templates').addColumn('owner_id', 'text').execute();
  await db.schema.alterTable('templates').addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update templates set owner_id = created_by where created_by in (select id from users)`.execute(db);
  await sql`update templates set shared = 1 where owner_id is null`.execute(db);

  // How many identities a session admits (the facilitator may change it).
  await db.schema.alterTable('sessions').addColumn('participant_cap', 'integer', (c) => c.notNull().defaultTo(300)).execute();

  // A public id for a token (observer links are listed and revoked by it, never by hash), and
  // the login a facilitator token was issued under, so logging out revokes it.
  await db.schema.alterTable('access_tokens').addColumn('link_id', 'text').execute();
  await db.schema.alterTable('access_tokens').addColumn('login_hash', 'text').execute();
  await sql`update access_tokens set link_id = substr(token_hash, 1, 22) where link_id is null`.execute(db);
  await db.schema.createIndex('access_tokens_session').on('access_tokens').column('session_id').execute();
  await db.schema.createIndex('access_tokens_login').on('access_tokens').column('login_hash').execute();
  await db.schema.createIndex('access_tokens_user').on('access_tokens').column('user_id').execute();

  // Failed sign-ins are one audit row per account (or address) and window, found by target.
  await db.schema.createIndex('audit_log_action_target').on('audit_log').columns(['action', 'target']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_action_target').execute();
  await db.schema.dropIndex('access_tokens_user').execute();
  await db.schema.dropIndex('access_tokens_login').execute();
  await db.schema.dropIndex('access_tokens_session').execute();
  for (const [table, column] of [
    ['access_tokens', 'login_hash'],
    ['access_tokens', 'link_id'],
    ['sessions', 'participant_cap'],
    ['templates', 'shared'],
    ['templates', 'owner_id'],
  ]) {
    await db.schema.alterTable(table).dropColumn(column).execute();
  }
}
