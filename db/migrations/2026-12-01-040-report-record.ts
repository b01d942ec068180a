import type { Kysely } from 'kysely';

// Frozen: a migration never changes once released; later changes get a new file.
export async function up(db: Kysely<any>): Promise<void> {
  // A card the facilitator hid stays in the archive with its flag, so the report can leave it
  // out and still list it for the secretariat in its moderation section.
  await db.schema.alterTable('archived_cards').addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // Paper survey sheets handed out at the venue (null: as many as paper answers were entered),
  // the second part of the response rate's denominator.
  await db.schema.alterTable('sessions').addColumn('paper_survey_sheets', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('paper_survey_sheets').execute();
  await db.schema.alterTable('archived_cards').dropColumn('hidden').execute();
}
