import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { BoardsTable, Database, ParticipantsTable, SessionsTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type SessionRow = Selectable<SessionsTable>;
export type BoardRow = Selectable<BoardsTable>;
export type ParticipantRow = Selectable<ParticipantsTable>;

export async function insertSession(db: Db, row: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSessionById(db: Db, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateSession(db: Db, id: string, patch: Updateable<SessionsTable>): Promise<void> {
  await db.updateTable('sessions').set(patch).where('id', '=', id).execute();
}

/** The open session with this join code, if any. */
export async function findOpenSessionByJoinCode(db: Db, joinCode: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('join_code', '=', joinCode)
    .where('status', '=', 'open')
    .executeTakeFirst();
}

/** The session a join code leads to: the open one, else the one that closed last with it. */
export async function findLatestSessionByJoinCode(db: Db, joinCode: string): Promise<SessionRow | undefined> {
  return (
    (await findOpenSessionByJoinCode(db, joinCode)) ??
    db.selectFrom('sessions').selectAll().where('join_code', '=', joinCode).orderBy('closed_at', 'desc').orderBy('created_at', 'desc').executeTakeFirst()
  );
}

/** Sessions newest first; only the ones a facilitator created when `createdBy` is given. */
export async function listSessions(db: Db, createdBy?: string): Promise<SessionRow[]> {
  let query = db.selectFrom('sessions').selectAll().orderBy('created_at', 'desc');
  if (createdBy) query = query.where('created_by', '=', createdBy);
  return query.execute();
}

/**
 * Sessions newest first within spaces: every session of a space marked `all`, and in the other
 * spaces only those `userId` created. No spaces: none.
 */
export async function listSessionsInSpaces(db: Db, scope: ReadonlyArray<{ spaceId: string; all: boolean }>, userId: string): Promise<SessionRow[]> {
  const all = scope.filter((s) => s.all).map((s) => s.spaceId);
  const own = scope.filter((s) => !s.all).map((s) => s.spaceId);
  if (all.length === 0 && own.length === 0) return [];
  return db
    .selectFrom('sessions')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(all.length > 0 ? [eb('space_id', 'in', all)] : []),
        ...(own.length > 0 ? [eb.and([eb('space_id', 'in', own), eb('created_by', '=', userId)])] : []),
      ]),
    )
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertBoards(db: Db, rows: Insertable<BoardsTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('boards').values(rows).execute();
}

export async function updateBoard(db: Db, room: string, patch: Updateable<BoardsTable>): Promise<void> {
  await db.updateTable('boards').set(patch).where('room', '=', room).execute();
}

export async function deleteBoard(db: Db, room: string): Promise<void> {
  await db.deleteFrom('boards').where('room', '=', room).execute();
}

export async function listBoards(db: Db, sessionId: string): Promise<BoardRow[]> {
  return db.selectFrom('boards').selectAll().where('session_id', '=', sessionId).orderBy('position').execute();
}

export async function findBoardByRoom(db: Db, room: string): Promise<BoardRow | undefined> {
  return db.selectFrom('boards').selectAll().where('room', '=', room).executeTakeFirst();
}

export async function insertParticipant(db: Db, row: Insertable<ParticipantsTable>): Promise<void> {
  await db.insertInto('participants').values(row).execute();
}

export async function updateParticipant(db: Db, id: string, patch: Updateable<ParticipantsTable>): Promise<void> {
  await db.updateTable('participants').set(patch).where('id', '=', id).execute();
}

export async function findParticipantById(db: Db, id: string): Promise<ParticipantRow | undefined> {
  return db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listParticipants(db: Db, sessionId: string): Promise<ParticipantRow[]> {
  return db.selectFrom('participants').selectAll().where('session_id', '=', sessionId).orderBy('created_at').execute();
}

/** How many participants sit at each table of a session (tables with none are absent). */
export async function countParticipantsByRoom(db: Db, sessionId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('participants')
    .select(['room', (eb) => eb.fn.countAll<number>().as('n')])
    .where('session_id', '=', sessionId)
    .where('room', 'is not', null)
    .groupBy('room')
    .execute();
  return new Map(rows.map((r) => [r.room as string, Number(r.n)]));
}
