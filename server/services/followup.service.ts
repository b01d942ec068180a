import { randomUUID } from 'node:crypto';
import { insertActionNote, listActionChanges, listActionNotes, listActionsOfSessions } from '../../db/repositories/archive.repository';
import { translate, type Language, type TextKey } from '../../shared/i18n';
import type { ActionChange, RegisterRow, SinceLastChanges } from '../../shared/schemas/clerk';
import { toCsv } from './presenters/csv.presenter';
import { findActionById, listDecisions } from '../../db/repositories/outcomes.repository';
import { findSessionById } from '../../db/repositories/sessions.repository';
import type { UserActor } from '../auth/policy';
import { AppError } from '../errors';
import { visibleSessions } from './archive.service';
import type { RegisterEntry, SinceLastView } from '../../shared/schemas/reports';
import type { ServiceContext } from './context';
import { editAction } from './outcomes.service';
import { decisionSources } from './stored-json';
import { getManagedSession } from './sessions.service';

/** Filters of the register. */
export interface RegisterQuery {
  status?: RegisterEntry['status'];
  overdue?: boolean;
  organization?: string;
  sessionIds?: string[];
  /** Only this space (default: every space the account works in). */
  spaceId?: string;
}

/**
 * Every action across the sessions the account may see, with its notes and its source, and
 * whether it is overdue (due before today and not done).
 */
export async function listRegister(ctx: ServiceContext, actor: UserActor, query: RegisterQuery = {}): Promise<RegisterRow[]> {
  const sessions = await visibleSessions(ctx, actor, query.spaceId);
  const ids = sessions.map((s) => s.id).filter((id) => !query.sessionIds || query.sessionIds.includes(id));
  const rows = await listActionsOfSessions(ctx.db, ids);
  const notes = await listActionNotes(ctx.db, rows.map((r) => r.id));
  const history = await listActionChanges(ctx.db, rows.map((r) => r.id));
  const decisions = new Map((await Promise.all(ids.map((id) => listDecisions(ctx.db, id)))).flat().map((d) => [d.id, d]));
  // Due dates are days in Japan: an action due yesterday is overdue from midnight JST.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(ctx.now());
  return rows
    .map((r): RegisterRow => {
      const decision = r.decision_id ? decisions.get(r.decision_id) : undefined;
      return {
        id: r.id,
        sessionId: r.session_id,
        sessionTitle: r.session_title,
        sessionHeldOn: r.session_held_on ?? r.session_created_at.slice(0, 10),
        title: r.title,
        decision: decision?.text ?? null,
        sources: decision ? decisionSources.decode(ctx.log, decision.id, decision.sources) : [],
        ownerOrganization: r.owner_organization,
        ownerPerson: r.owner_person,
        dueDate: r.due_date,
        status: r.status,
        overdue: r.due_date !== null && r.due_date < today && r.status !== 'done',
        updatedAt: r.updated_at,
        notes: notes.filter((n) => n.action_id === r.id).map((n) => ({ id: n.id, note: n.note, createdAt: n.created_at })),
        history: history
          .filter((h) => h.action_id === r.id)
          .map((h): ActionChange => ({ field: h.field as ActionChange['field'], from: h.from_value, to: h.to_value, by: h.actor_name, at: h.at })),
      };
    })
    .filter((e) => (!query.status || e.status === query.status) && (!query.overdue || e.overdue) && (!query.organization || e.ownerOrganization.includes(query.organization)));
}

async function actionSession(ctx: ServiceContext, actor: UserActor, actionId: string) {
  const action = await findActionById(ctx.db, actionId);
  if (!action) throw new AppError('not_found', 'no such action');
  await getManagedSession(ctx, actor, action.session_id);
  return action;
}

/** Add a dated progress note to an action. */
export async function addProgressNote(ctx: ServiceContext, actor: UserActor, actionId: string, note: string) {
  const action = await actionSession(ctx, actor, actionId);
  const row = { id: randomUUID(), action_id: action.id, note, author_user_id: actor.userId, created_at: ctx.now().toISOString() };
  await insertActionNote(ctx.db, row);
  return { id: row.id, note, createdAt: row.created_at };
}

/** Change an action from the register (status, owner, due date …). */
export async function updateRegisterEntry(ctx: ServiceContext, actor: UserActor, actionId: string, patch: Parameters<typeof editAction>[4]) {
  const action = await actionSession(ctx, actor, actionId);
  return editAction(ctx, actor, action.session_id, action.id, patch);
}

/**
 * "Since last time": for the start of a session, the actions of the earlier sessions of the
 * same working group (the same series; without one, the same facilitator), with what changed
 * since the last of them was held: each field change (status, due date, owner … from → to) and
 * how many notes were added.
 */
export async function sinceLastTime(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<SinceLastView & { actions: Array<SinceLastChanges> }> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const heldOn = (s: { held_on: string | null; created_at: string }) => s.held_on ?? s.created_at.slice(0, 10);
  const earlier = (await visibleSessions(ctx, actor, session.space_id)).filter(
    (s) => s.id !== session.id && (session.series ? s.series === session.series : s.created_by === session.created_by) && heldOn(s) <= heldOn(session),
  );
  earlier.sort((a, b) => heldOn(b).localeCompare(heldOn(a)) || b.created_at.localeCompare(a.created_at));
  const previous = earlier[0] ? await findSessionById(ctx.db, earlier[0].id) : undefined;
  const entries = await listRegister(ctx, actor, { sessionIds: earlier.map((s) => s.id) });
  const since = previous ? (previous.closed_at ?? previous.created_at) : '';
  return {
    previous: previous ? { id: previous.id, title: previous.title, heldOn: heldOn(previous) } : null,
    actions: entries.map((e) => {
      const changes = e.history.filter((h) => h.at > since);
      const newNotes = e.notes.filter((n) => n.createdAt > since).length;
      return { ...e, changes, newNotes, changedSince: e.updatedAt > since || newNotes > 0 || changes.length > 0 };
    }),
  };
}

/** The register as CSV (what the table shows, each cell formula-neutralised). */
export async function registerCsv(ctx: ServiceContext, actor: UserActor, lang: Language, spaceId?: string): Promise<string> {
  const t = (key: string) => translate(lang, key as TextKey);
  const rows = await listRegister(ctx, actor, { spaceId });
  return toCsv(
    ['action', 'owner_organization', 'owner_person', 'due_date', 'status', 'overdue', 'session', 'held_on', 'decision', 'last_note'].map((c) => t(`register.column.${c}`)),
    rows.map((r) => [
      r.title,
      r.ownerOrganization,
      r.ownerPerson,
      r.dueDate ?? '',
      t(`actionStatus.${r.status}`),
      r.overdue ? t('register.overdue') : '',
      r.sessionTitle,
      r.sessionHeldOn,
      r.decision ?? '',
      r.notes.at(-1)?.note ?? '',
    ]),
  );
}
