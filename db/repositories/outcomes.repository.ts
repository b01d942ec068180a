import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { ActionsTable, Database, DecisionsTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type DecisionRow = Selectable<DecisionsTable>;
export type ActionRow = Selectable<ActionsTable>;

export async function insertDecision(db: Db, row: Insertable<DecisionsTable>): Promise<void> {
  await db.insertInto('decisions').values(row).execute();
}
export async function updateDecision(db: Db, id: string, patch: Updateable<DecisionsTable>): Promise<void> {
  await db.updateTable('decisions').set(patch).where('id', '=', id).execute();
}
export async function deleteDecision(db: Db, id: string): Promise<void> {
  await db.deleteFrom('decisions').where('id', '=', id).execute();
}
export async function findDecisionById(db: Db, id: string): Promise<DecisionRow | undefined> {
  return db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function listDecisions(db: Db, sessionId: string): Promise<DecisionRow[]> {
  return db.selectFrom('decisions').selectAll().where('session_id', '=', sessionId).orderBy('created_at').execute();
}

export async function insertAction(db: Db, row: Insertable<ActionsTable>): Promise<void> {
  await db.insertInto('actions').values(row).execute();
}
export async function updateAction(db: Db, id: string, patch: Updateable<ActionsTable>): Promise<void> {
  await db.updateTable('actions').set(patch).where('id', '=', id).execute();
}
export async function deleteAction(db: Db, id: string): Promise<void> {
  await db.deleteFrom('actions').where('id', '=', id).execute();
}
export async function findActionById(db: Db, id: string): Promise<ActionRow | undefined> {
  return db.selectFrom('actions').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function listActions(db: Db, sessionId: string): Promise<ActionRow[]> {
  return db.selectFrom('actions').selectAll().where('session_id', '=', sessionId).orderBy('created_at').execute();
}
