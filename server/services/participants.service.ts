import { countSessionParticipants, deleteParticipantFootprint, listJoinTimes } from '../../db/repositories/participants.repository';
import { findParticipantById, listParticipants } from '../../db/repositories/sessions.repository';
import type { UserActor } from '../auth/policy';
import { AppError } from '../errors';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { getManagedSession } from './sessions.service';

/** A participant as the facilitator's list shows them. */
export interface ParticipantView {
  id: string;
  displayName: string;
  organizationType: string;
  anonymous: boolean;
  joinedAt: string;
  /** Their table (board room), if seated. */
  room: string | null;
  scribe: boolean;
  /** Registered by the facilitator for someone without a phone. */
  proxy: boolean;
}

/** Everyone who joined a session, in the order they joined. */
export async function listSessionParticipants(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<ParticipantView[]> {
  const session = await getManagedSession(ctx, actor, sessionId);
  return (await listParticipants(ctx.db, session.id)).map((p) => ({
    id: p.id,
    displayName: p.display_name,
    organizationType: p.organization_type,
    anonymous: p.anonymous === 1,
    joinedAt: p.created_at,
    room: p.room,
    scribe: p.scribe === 1,
    proxy: p.proxy === 1,
  }));
}

/**
 * Remove an identity: its tokens, its dots and poll and survey answers go with it, and its live
 * connections are cut; its cards stay on the board (a facilitator deletes cards separately).
 * One person who joined many times is thus undone, figures and all.
 */
export async function removeParticipant(ctx: ServiceContext, actor: UserActor, sessionId: string, participantId: string): Promise<void> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const participant = await findParticipantById(ctx.db, participantId);
  if (!participant || participant.session_id !== session.id) throw new AppError('not_found', 'no such participant');
  await ctx.db.transaction().execute((trx) => deleteParticipantFootprint(trx, participantId));
  await recordAudit(ctx, actor, 'participant.remove', { sessionId: session.id, target: participantId });
  ctx.events.emit('participant:removed', { sessionId: session.id, participantId });
  ctx.events.emit('session:changed', { sessionId: session.id });
}

/** How fast people join: for the run page, so a flood of identities is seen as it happens. */
export interface JoinRateView {
  /** Identities in the session now. */
  total: number;
  /** How many may join. */
  cap: number;
  /** Joins in the last 60 seconds. */
  lastMinute: number;
  /** Joins in each of the last ten minutes, oldest first (the last is the current minute). */
  perMinute: number[];
}

const MINUTES = 10;

/** The session's join rate over the last ten minutes. */
export async function describeJoinRate(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<JoinRateView> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const now = ctx.now().getTime();
  const since = new Date(now - MINUTES * 60_000).toISOString();
  const [total, times] = await Promise.all([countSessionParticipants(ctx.db, session.id), listJoinTimes(ctx.db, session.id, since)]);
  const perMinute = new Array<number>(MINUTES).fill(0);
  let lastMinute = 0;
  for (const at of times) {
    const ago = now - Date.parse(at);
    const slot = MINUTES - 1 - Math.floor(ago / 60_000);
    if (slot >= 0 && slot < MINUTES) perMinute[slot] += 1;
    if (ago < 60_000) lastMinute += 1;
  }
  return { total, cap: session.participant_cap, lastMinute, perMinute };
}
