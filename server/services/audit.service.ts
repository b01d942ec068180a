import { findRecentAuditEntry, insertAuditEntry, listAuditEntries, updateAuditDetail } from '../../db/repositories/audit.repository';
import type { Actor, UserActor } from '../auth/policy';
import { can } from '../auth/policy';
import { AppError } from '../errors';
import type { ServiceContext } from './context';
import { auditDetail } from './stored-json';

/** The actions the audit log records: what facilitators and admins did. */
export type AuditAction =
  | 'account.setup'
  | 'account.login'
  | 'account.login_failed'
  | 'account.logout'
  | 'account.create'
  | 'session.create'
  | 'session.token'
  | 'session.observer_link'
  | 'session.observer_revoke'
  | 'session.tables'
  | 'session.control'
  | 'participant.scribe'
  | 'participant.proxy'
  | 'template.save'
  | 'template.share'
  | 'session.close'
  | 'session.reopen'
  | 'session.import'
  | 'retention.erase'
  | 'vote.open'
  | 'vote.reveal'
  | 'poll.open'
  | 'poll.reveal'
  | 'decision.change'
  | 'action.change'
  | 'participant.remove'
  | 'card.moderate_edit'
  | 'card.moderate_delete'
  | 'organization_type.change'
  | 'survey.change'
  | 'space.create'
  | 'space.change'
  | 'space.members'
  | 'search.variants'
  | 'session.delete'
  | 'account.disable'
  | 'account.enable'
  | 'account.password_change'
  | 'account.password_link'
  | 'account.password_set';

/** One audit entry as the admin's screen shows it. */
export interface AuditEntry {
  id: number;
  at: string;
  actorUserId: string | null;
  actorParticipantId: string | null;
  action: string;
  sessionId: string | null;
  target: string | null;
  detail: Record<string, unknown>;
}

/**
 * Record what someone did. The audit log is kept for accountability, not for recovery, so a
 * failure to write it is logged and does not undo the action it describes.
 */
export async function recordAudit(
  ctx: ServiceContext,
  actor: Actor | null,
  action: AuditAction,
  fields: { sessionId?: string | null; target?: string | null; detail?: Record<string, unknown> } = {},
): Promise<void> {
  try {
    await insertAuditEntry(ctx.db, {
      at: ctx.now().toISOString(),
      actor_user_id: actor?.userId ?? null,
      actor_participant_id: actor?.kind === 'token' ? actor.participantId : null,
      action,
      session_id: fields.sessionId ?? null,
      target: fields.target ?? null,
      detail: auditDetail.encode(fields.detail ?? {}),
    });
  } catch (error) {
    ctx.log.error({ err: error, action }, 'could not write audit entry');
  }
  ctx.log.info({ audit: action, sessionId: fields.sessionId, target: fields.target }, 'audit');
}

/** At most this many addresses (or emails) are listed on one failed-sign-in entry. */
const LISTED = 10;

/**
 * Count a failed sign-in on one entry per window: per account when the email is an account's,
 * else per address (someone trying emails). A guesser thus adds a row per window, not per try,
 * and the admin's view keeps the real events.
 */
export async function recordFailedLogin(
  ctx: ServiceContext,
  failure: { email: string; userId: string | null; address: string },
  windowMinutes: number,
): Promise<void> {
  const now = ctx.now();
  const target = failure.userId ?? `address:${failure.address}`;
  const since = new Date(now.getTime() - windowMinutes * 60_000).toISOString();
  try {
    const updated = await ctx.db.transaction().execute(async (trx) => {
      const row = await findRecentAuditEntry(trx, 'account.login_failed', target, since);
      if (!row) return false;
      const detail = auditDetail.decode(ctx.log, String(row.id), row.detail) as { count?: number; addresses?: string[]; emails?: string[] };
      const addresses = new Set(detail.addresses ?? []).add(failure.address);
      const emails = new Set(detail.emails ?? []).add(failure.email);
      const next = { ...detail, count: (detail.count ?? 1) + 1, lastAt: now.toISOString(), addresses: [...addresses].slice(0, LISTED), emails: [...emails].slice(0, LISTED) };
      await updateAuditDetail(trx, row.id, auditDetail.encode(next));
      return true;
    });
    if (updated) return;
  } catch (error) {
    ctx.log.error({ err: error }, 'could not update failed sign-in entry');
    return;
  }
  await recordAudit(ctx, null, 'account.login_failed', {
    target,
    detail: { count: 1, lastAt: now.toISOString(), addresses: [failure.address], emails: [failure.email] },
  });
}

/** The latest audit entries, for an admin. */
export async function listAudit(ctx: ServiceContext, actor: UserActor, sessionId?: string): Promise<AuditEntry[]> {
  if (!can(actor, 'users:manage')) throw new AppError('forbidden', 'only an admin reads the audit log');
  const rows = await listAuditEntries(ctx.db, { sessionId, limit: 500 });
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorUserId: r.actor_user_id,
    actorParticipantId: r.actor_participant_id,
    action: r.action,
    sessionId: r.session_id,
    target: r.target,
    detail: auditDetail.decode(ctx.log, String(r.id), r.detail),
  }));
}
