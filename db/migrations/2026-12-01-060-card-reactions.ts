import type { Kysely } from 'kysely';

// Frozen: a migration never changes once released; later changes get a new file.
export async function up(db: Kysely<any>): Promise<void> {
  // 共感 (+1) on a card: one row per person and card, so a count is a count of rows and a
  // replayed command cannot double it (the primary key refuses a second row). Server-kept, not
  // in the board document, like dots: a peer cannot forge another person's mark.
  await db.schema
    .createTable('card_reactions')
    .addColumn('room', 'text', (c) => c.notNull())
    .addColumn('card_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('card_reactions_pk', ['room', 'card_id', 'author_id'])
    .execute();
  await db.schema.createIndex('card_reactions_session').on('card_reactions').column('session_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('card_reactions').execute();
}
