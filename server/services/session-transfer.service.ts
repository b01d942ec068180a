import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { z } from 'zod';
import { boardParts } from '../../shared/board/model';
import { BOARD_MAX_BYTES } from '../../shared/board/schema';
import { LIMITS } from '../../shared/limits';
import { checkUpdate } from '../rooms/update-check';
import { phasesSchema } from '../../shared/schemas/control';
import { surveySchema } from '../../shared/survey';
import { insertActionNote, listActionNotes, listSurveyResponses, upsertSurveyResponse } from '../../db/repositories/archive.repository';
import { appendUpdate } from '../../db/repositories/doc-store.repository';
import { insertAction, insertDecision, listActions, listDecisions } from '../../db/repositories/outcomes.repository';
import { insertBoards, insertParticipant, insertSession, listBoards, listParticipants } from '../../db/repositories/sessions.repository';
import { insertPoll, insertVote, listAllDots, listAnswersWithSector, listPolls, listVotes, setDots, upsertAnswer } from '../../db/repositories/votes.repository';
import type { UserActor } from '../auth/policy';
import { can } from '../auth/policy';
import { AppError } from '../errors';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { closeSession } from './projection.service';
import { freeJoinCode, getManagedSession } from './sessions.service';
import { resolveWorkingSpace } from './spaces.service';
import { decisionSources, pollItems, pollScale, sessionPhases, sessionSurvey, surveyAnswers, voteItems } from './stored-json';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The JSON export of a whole session (format `yoriai-session`, version 1), importable again. */
export const sessionExportSchema = z.object({
  format: z.literal('yoriai-session'),
  version: z.literal(1),
  exportedAt: z.string(),
  session: z.object({
    title: z.string().min(1).max(200),
    theme: z.string(),
    venue: z.string(),
    heldOn: z.string().nullable(),
    series: z.string(),
    template: z.string(),
    tableMode: z.enum(['none', 'choose', 'assign']),
    status: z.enum(['open', 'closed']),
    phases: phasesSchema,
    survey: z.union([surveySchema, z.array(z.never())]),
  }),
  participants: z.array(z.object({ id: z.string(), displayName: z.string(), organizationType: z.string(), anonymous: z.boolean(), room: z.string().nullable(), proxy: z.boolean(), joinedAt: z.string() })),
  /** `key`: the room name without the session id (`main`, `t1`, …); `state`: the Yjs document, base64. */
  boards: z.array(z.object({ key: z.string().regex(/^[A-Za-z0-9_-]+$/), nameKey: z.string(), name: z.string().nullable(), kind: z.enum(['main', 'table']), theme: z.string(), position: z.number().int(), state: z.string().max(Math.ceil(BOARD_MAX_BYTES / 3) * 4) })).min(1).max(31),
  votes: z.array(z.object({ id: z.string(), room: z.string(), title: z.string(), items: z.string(), dotsPerPerson: z.number().int(), maxPerItem: z.number().int(), anonymous: z.boolean(), status: z.enum(['open', 'closed', 'revealed']), createdAt: z.string(), revealedAt: z.string().nullable(), dots: z.array(z.object({ participantId: z.string().optional(), voter: z.string().max(100).optional(), itemId: z.string(), dots: z.number().int().min(1).max(100) })).max(100_000) })).max(500),
  polls: z.array(z.object({ id: z.string(), room: z.string(), title: z.string(), items: z.string(), scale: z.string(), status: z.enum(['open', 'closed', 'revealed']), createdAt: z.string(), revealedAt: z.string().nullable(), answers: z.array(z.object({ participantId: z.string().optional(), respondent: z.string().max(100).optional(), organizationType: z.string().optional(), itemId: z.string(), choice: z.string(), reason: z.string() })) })),
  decisions: z.array(z.object({ id: z.string(), text: z.string(), sources: z.string(), createdAt: z.string(), updatedAt: z.string() })),
  actions: z.array(z.object({ id: z.string(), decisionId: z.string().nullable(), title: z.string(), ownerOrganization: z.string(), ownerPerson: z.string(), dueDate: z.string().nullable(), status: z.enum(['not_started', 'in_progress', 'done', 'on_hold']), createdAt: z.string(), updatedAt: z.string(), notes: z.array(z.object({ note: z.string(), createdAt: z.string() })) })),
  surveyResponses: z.array(z.object({ participantId: z.string().optional(), respondent: z.string().max(100).optional(), answers: z.string(), submittedAt: z.string() })),
});
export type SessionExport = z.infer<typeof sessionExportSchema>;

/** Everything of a session as one JSON document: rows as stored and each board's Yjs state. */
export async function exportSession(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<SessionExport> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const prefix = `${session.id}.`;
  const keyOf = (room: string) => (room.startsWith(prefix) ? room.slice(prefix.length) : room);
  const boards = await listBoards(ctx.db, session.id);
  const states = new Map<string, string>();
  for (const b of boards) states.set(b.room, await ctx.rooms.withRoom(b.room, (room) => room.read(() => b64(Y.encodeStateAsUpdate(room.doc)))));
  const actions = await listActions(ctx.db, session.id);
  const notes = await listActionNotes(ctx.db, actions.map((a) => a.id));
  return {
    format: 'yoriai-session',
    version: 1,
    exportedAt: ctx.now().toISOString(),
    session: { title: session.title, theme: session.theme, venue: session.venue, heldOn: session.held_on, series: session.series, template: session.template, tableMode: session.table_mode, status: session.status, phases: sessionPhases.decode(ctx.log, session.id, session.phases), survey: sessionSurvey.decode(ctx.log, session.id, session.survey) },
    participants: (await listParticipants(ctx.db, session.id)).map((p) => ({ id: p.id, displayName: p.display_name, organizationType: p.organization_type, anonymous: p.anonymous === 1, room: p.room ? keyOf(p.room) : null, proxy: p.proxy === 1, joinedAt: p.created_at })),
    boards: boards.map((b) => ({ key: keyOf(b.room), nameKey: b.name_key, name: b.name, kind: b.kind, theme: b.theme, position: b.position, state: states.get(b.room)! })),
    votes: await Promise.all((await listVotes(ctx.db, session.id)).map(async (v) => ({
      id: v.id, room: keyOf(v.room), title: v.title, items: v.items, dotsPerPerson: v.dots_per_person, maxPerItem: v.max_per_item, anonymous: v.anonymous === 1, status: v.status, createdAt: v.created_at, revealedAt: v.revealed_at,
      dots: (await listAllDots(ctx.db, v.id)).map((d) => ({ participantId: d.participant_id, itemId: d.item_id, dots: d.dots })),
    }))),
    polls: await Promise.all((await listPolls(ctx.db, session.id)).map(async (p) => ({
      id: p.id, room: keyOf(p.room), title: p.title, items: p.items, scale: p.scale, status: p.status, createdAt: p.created_at, revealedAt: p.revealed_at,
      answers: (await listAnswersWithSector(ctx.db, p.id)).map((a) => ({ participantId: a.participant_id, itemId: a.item_id, choice: a.choice, reason: a.reason })),
    }))),
    decisions: (await listDecisions(ctx.db, session.id)).map((d) => ({ id: d.id, text: d.text, sources: d.sources.split(prefix).join(''), createdAt: d.created_at, updatedAt: d.updated_at })),
    actions: actions.map((a) => ({ id: a.id, decisionId: a.decision_id, title: a.title, ownerOrganization: a.owner_organization, ownerPerson: a.owner_person, dueDate: a.due_date, status: a.status, createdAt: a.created_at, updatedAt: a.updated_at, notes: notes.filter((n) => n.action_id === a.id).map((n) => ({ note: n.note, createdAt: n.created_at })) })),
    surveyResponses: (await listSurveyResponses(ctx.db, session.id)).map((r) => ({ participantId: r.participant_id, answers: r.answers, submittedAt: r.submitted_at })),
  };
}

/** A fresh id per pseudonym of an export (`v1`, `s2`): a ballot or response that joins to nobody. */
function pseudonymous(): (name: string | undefined) => string {
  const ids = new Map<string, string>();
  return (name) => {
    if (name === undefined) return randomUUID();
    if (!ids.has(name)) ids.set(name, randomUUID());
    return ids.get(name)!;
  };
}

/**
 * A poll respondent of an export as one of the imported participants of the same organisation
 * type, a different one per respondent, so the sector view of the poll reads as it did. The
 * export says only the type, so which participant of that type is arbitrary.
 */
function respondentsOf(participants: SessionExport['participants'], people: Map<string, string>): (name: string | undefined, sector: string | undefined) => string {
  const free = new Map<string, string[]>();
  for (const p of participants) free.set(p.organizationType, [...(free.get(p.organizationType) ?? []), people.get(p.id)!]);
  const taken = new Map<string, string>();
  return (name, sector) => {
    const key = name ?? randomUUID();
    if (!taken.has(key)) taken.set(key, free.get(sector ?? '')?.shift() ?? randomUUID());
    return taken.get(key)!;
  };
}

/** Rewrite card and comment author ids in a board document to the imported participants' ids. */
function remapAuthors(state: Uint8Array, ids: Map<string, string>): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const { cards, comments } = boardParts(doc);
  doc.transact(() => {
    for (const map of [cards, comments]) {
      map.forEach((entry) => {
        const author = entry instanceof Y.Map ? entry.get('authorId') : undefined;
        if (typeof author === 'string' && ids.has(author)) entry.set('authorId', ids.get(author));
      });
    }
  });
  const out = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return out;
}

/**
 * Import a session export as a new session owned by the importing account: new ids for the
 * session and its participants, votes, polls, decisions and actions; board documents carried
 * over whole. A closed export is closed again, which rebuilds its archive and search index.
 * It lands in `spaceId` (one of the actor's spaces), else the actor's first space.
 */
export async function importSession(ctx: ServiceContext, actor: UserActor, data: SessionExport, spaceId?: string): Promise<{ id: string }> {
  const space = await resolveWorkingSpace(ctx, actor, spaceId);
  if (!can(actor, 'sessions:create', { spaceId: space.id })) throw new AppError('forbidden', 'only facilitators import sessions');
  const id = randomUUID();
  const room = (key: string) => `${id}.${key}`;
  const people = new Map(data.participants.map((p) => [p.id, randomUUID()]));
  const newId = (old: string) => people.get(old) ?? old;
  const decisionIds = new Map(data.decisions.map((d) => [d.id, randomUUID()]));
  const now = ctx.now().toISOString();
  const states = data.boards.map((b) => {
    const state = new Uint8Array(Buffer.from(b.state, 'base64'));
    // The same check as a facilitator's direct write, against an empty board: nothing the
    // schema refuses over the socket comes in through an import.
    const check = checkUpdate(new Y.Doc(), state, { maxContentChars: LIMITS.cardText * 20 });
    if (!check.ok) throw new AppError('bad_request', `board ${b.key} does not fit the board schema: ${check.detail}`);
    try {
      return remapAuthors(state, people);
    } catch {
      throw new AppError('bad_request', `board ${b.key} is not a valid document`);
    }
  });
  const roomOf = (key: string) => (data.boards.some((b) => b.key === key) ? room(key) : key);
  await ctx.db.transaction().execute(async (trx) => {
    const s = data.session;
    await insertSession(trx, { id, title: s.title, template: s.template, join_code: await freeJoinCode(trx), status: 'open', created_by: actor.userId, created_at: now, theme: s.theme, table_mode: s.tableMode, phases: sessionPhases.encode(s.phases), control: '{}', survey: sessionSurvey.encode(s.survey), venue: s.venue, held_on: s.heldOn, series: s.series, closed_at: null, space_id: space.id });
    await insertBoards(trx, data.boards.map((b) => ({ room: room(b.key), session_id: id, name_key: b.nameKey, name: b.name, kind: b.kind, theme: b.theme, position: b.position })));
    for (const [i, b] of data.boards.entries()) await appendUpdate(trx, room(b.key), states[i], now);
    for (const p of data.participants) {
      await insertParticipant(trx, { id: newId(p.id), session_id: id, display_name: p.displayName, organization_type: p.organizationType, anonymous: p.anonymous ? 1 : 0, created_at: p.joinedAt, room: p.room ? room(p.room) : null, proxy: p.proxy ? 1 : 0 });
    }
    for (const v of data.votes) {
      const voteId = randomUUID();
      await insertVote(trx, { id: voteId, session_id: id, room: roomOf(v.room), title: v.title, items: voteItems.encode(voteItems.decode(ctx.log, v.id, v.items)), dots_per_person: v.dotsPerPerson, max_per_item: v.maxPerItem, anonymous: v.anonymous ? 1 : 0, status: v.status === 'open' ? 'closed' : v.status, created_at: v.createdAt, revealed_at: v.revealedAt });
      const voter = pseudonymous();
      for (const d of v.dots) await setDots(trx, voteId, d.participantId ? newId(d.participantId) : voter(d.voter), d.itemId, d.dots);
    }
    for (const p of data.polls) {
      const pollId = randomUUID();
      await insertPoll(trx, { id: pollId, session_id: id, room: roomOf(p.room), title: p.title, items: pollItems.encode(pollItems.decode(ctx.log, p.id, p.items)), scale: pollScale.encode(pollScale.decode(ctx.log, p.id, p.scale)), status: p.status === 'open' ? 'closed' : p.status, created_at: p.createdAt, revealed_at: p.revealedAt });
      const respondent = respondentsOf(data.participants, people);
      for (const a of p.answers) await upsertAnswer(trx, { poll_id: pollId, participant_id: a.participantId ? newId(a.participantId) : respondent(a.respondent, a.organizationType), item_id: a.itemId, choice: a.choice, reason: a.reason, answered_at: p.createdAt });
    }
    for (const d of data.decisions) {
      // The file's JSON columns go through the same codecs as stored ones: what does not fit is dropped (logged), never stored.
      const sources = decisionSources.decode(ctx.log, d.id, d.sources).map((src) => ({ ...src, room: roomOf(src.room) }));
      await insertDecision(trx, { id: decisionIds.get(d.id)!, session_id: id, text: d.text, sources: decisionSources.encode(sources), created_by: actor.userId, created_at: d.createdAt, updated_at: d.updatedAt });
    }
    for (const a of data.actions) {
      const actionId = randomUUID();
      await insertAction(trx, { id: actionId, session_id: id, decision_id: a.decisionId ? (decisionIds.get(a.decisionId) ?? null) : null, title: a.title, owner_organization: a.ownerOrganization, owner_person: a.ownerPerson, due_date: a.dueDate, status: a.status, created_at: a.createdAt, updated_at: a.updatedAt });
      for (const n of a.notes) await insertActionNote(trx, { id: randomUUID(), action_id: actionId, note: n.note, author_user_id: actor.userId, created_at: n.createdAt });
    }
    const responder = pseudonymous();
    for (const r of data.surveyResponses) await upsertSurveyResponse(trx, { session_id: id, participant_id: r.participantId ? newId(r.participantId) : responder(r.respondent), answers: surveyAnswers.encode(surveyAnswers.decode(ctx.log, `import/${r.participantId ?? r.respondent ?? ''}`, r.answers)), submitted_at: r.submittedAt });
  });
  await recordAudit(ctx, actor, 'session.import', { sessionId: id, detail: { title: data.session.title } });
  if (data.session.status === 'closed') await closeSession(ctx, actor, id);
  return { id };
}
