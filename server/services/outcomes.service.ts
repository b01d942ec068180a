import { randomUUID } from 'node:crypto';
import type { ActionStatus } from '../../shared/schemas/consensus';
import type { ActionView, DecisionView, OutcomeView } from '../../shared/schemas/reports';
import {
  type ActionRow,
  type DecisionRow,
  deleteAction,
  deleteDecision,
  findActionById,
  findDecisionById,
  insertAction,
  insertDecision,
  listActions,
  listDecisions,
  updateAction,
  updateDecision,
} from '../../db/repositories/outcomes.repository';
import type { UserActor } from '../auth/policy';
import { AppError } from '../errors';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { getManagedSession } from './sessions.service';
import { noteActionChanges } from './action-history';
import { decisionSources } from './stored-json';

export function presentDecision(ctx: ServiceContext, row: DecisionRow): DecisionView {
  return { id: row.id, text: row.text, sources: decisionSources.decode(ctx.log, row.id, row.sources), createdAt: row.created_at, updatedAt: row.updated_at };
}

export function presentAction(row: ActionRow): ActionView {
  return {
    id: row.id,
    sessionId: row.session_id,
    decisionId: row.decision_id,
    title: row.title,
    ownerOrganization: row.owner_organization,
    ownerPerson: row.owner_person,
    dueDate: row.due_date,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A session's decisions and actions (anyone in the session may read them). */
export async function readOutcome(ctx: ServiceContext, sessionId: string): Promise<OutcomeView> {
  const [decisions, actions] = await Promise.all([listDecisions(ctx.db, sessionId), listActions(ctx.db, sessionId)]);
  return { sessionId, decisions: decisions.map((d) => presentDecision(ctx, d)), actions: actions.map(presentAction) };
}

async function changed(ctx: ServiceContext, actor: UserActor, sessionId: string, action: 'decision.change' | 'action.change', target: string, detail: Record<string, unknown>) {
  await recordAudit(ctx, actor, action, { sessionId, target, detail });
  ctx.events.emit('outcome:changed', { sessionId });
}

export async function addDecision(ctx: ServiceContext, actor: UserActor, sessionId: string, input: { text: string; sources: DecisionView['sources'] }): Promise<DecisionView> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const now = ctx.now().toISOString();
  const id = randomUUID();
  await insertDecision(ctx.db, { id, session_id: session.id, text: input.text, sources: decisionSources.encode(input.sources), created_by: actor.userId, created_at: now, updated_at: now });
  await changed(ctx, actor, session.id, 'decision.change', id, { op: 'add' });
  return presentDecision(ctx, (await findDecisionById(ctx.db, id))!);
}

async function decisionOf(ctx: ServiceContext, actor: UserActor, sessionId: string, id: string): Promise<DecisionRow> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const row = await findDecisionById(ctx.db, id);
  if (!row || row.session_id !== session.id) throw new AppError('not_found', 'no such decision');
  return row;
}

export async function editDecision(ctx: ServiceContext, actor: UserActor, sessionId: string, id: string, patch: { text?: string; sources?: DecisionView['sources'] }): Promise<DecisionView> {
  const row = await decisionOf(ctx, actor, sessionId, id);
  await updateDecision(ctx.db, row.id, {
    ...(patch.text === undefined ? {} : { text: patch.text }),
    ...(patch.sources === undefined ? {} : { sources: decisionSources.encode(patch.sources) }),
    updated_at: ctx.now().toISOString(),
  });
  await changed(ctx, actor, row.session_id, 'decision.change', id, { op: 'edit' });
  return presentDecision(ctx, (await findDecisionById(ctx.db, id))!);
}

export async function removeDecision(ctx: ServiceContext, actor: UserActor, sessionId: string, id: string): Promise<void> {
  const row = await decisionOf(ctx, actor, sessionId, id);
  await deleteDecision(ctx.db, row.id);
  await changed(ctx, actor, row.session_id, 'decision.change', id, { op: 'delete', text: row.text });
}

type ActionInput = { title: string; decisionId: string | null; ownerOrganization: string; ownerPerson: string; dueDate: string | null; status: ActionStatus };

async function checkDecisionLink(ctx: ServiceContext, sessionId: string, decisionId: string | null | undefined) {
  if (!decisionId) return;
  const decision = await findDecisionById(ctx.db, decisionId);
  if (!decision || decision.session_id !== sessionId) throw new AppError('bad_request', 'no such decision in this session');
}

export async function addAction(ctx: ServiceContext, actor: UserActor, sessionId: string, input: ActionInput): Promise<ActionView> {
  const session = await getManagedSession(ctx, actor, sessionId);
  await checkDecisionLink(ctx, session.id, input.decisionId);
  const now = ctx.now().toISOString();
  const id = randomUUID();
  await insertAction(ctx.db, {
    id,
    session_id: session.id,
    decision_id: input.decisionId,
    title: input.title,
    owner_organization: input.ownerOrganization,
    owner_person: input.ownerPerson,
    due_date: input.dueDate,
    status: input.status,
    created_at: now,
    updated_at: now,
  });
  await changed(ctx, actor, session.id, 'action.change', id, { op: 'add' });
  return presentAction((await findActionById(ctx.db, id))!);
}

async function actionOf(ctx: ServiceContext, actor: UserActor, sessionId: string, id: string): Promise<ActionRow> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const row = await findActionById(ctx.db, id);
  if (!row || row.session_id !== session.id) throw new AppError('not_found', 'no such action');
  return row;
}

export async function editAction(ctx: ServiceContext, actor: UserActor, sessionId: string, id: string, patch: Partial<ActionInput>): Promise<ActionView> {
  const row = await actionOf(ctx, actor, sessionId, id);
  await checkDecisionLink(ctx, row.session_id, patch.decisionId);
  await updateAction(ctx.db, row.id, {
    ...(patch.title === undefined ? {} : { title: patch.title }),
    ...(patch.decisionId === undefined ? {} : { decision_id: patch.decisionId }),
    ...(patch.ownerOrganization === undefined ? {} : { owner_organization: patch.ownerOrganization }),
    ...(patch.ownerPerson === undefined ? {} : { owner_person: patch.ownerPerson }),
    ...(patch.dueDate === undefined ? {} : { due_date: patch.dueDate }),
    ...(patch.status === undefined ? {} : { status: patch.status }),
    updated_at: ctx.now().toISOString(),
  });
  const after = (await findActionById(ctx.db, id))!;
  await noteActionChanges(ctx, actor, row, after);
  await changed(ctx, actor, row.session_id, 'action.change', id, { op: 'edit', ...patch });
  return presentAction(after);
}

export async function removeAction(ctx: ServiceContext, actor: UserActor, sessionId: string, id: string): Promise<void> {
  const row = await actionOf(ctx, actor, sessionId, id);
  await deleteAction(ctx.db, row.id);
  await changed(ctx, actor, row.session_id, 'action.change', id, { op: 'delete', title: row.title });
}
