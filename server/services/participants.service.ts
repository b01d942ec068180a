import { revokeParticipantTokens } from '../../db/repositories/access-tokens.repository';
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
 * Remove a participant: revoke every token they hold and cut their live connections. Their
 * cards stay on the board (a facilitator deletes cards separately).
 */
export async function removeParticipant(ctx: ServiceContext, actor: UserActor, sessionId: string, participantId: string): Promise<void> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const participant = await findParticipantById(ctx.db, participantId);
  if (!participant || participant.session_id !== session.id) throw new AppError('not_found', 'no such participant');
  await revokeParticipantTokens(ctx.db, participantId, ctx.now().toISOString());
  await recordAudit(ctx, actor, 'participant.remove', { sessionId: session.id, target: participantId });
  ctx.events.emit('participant:removed', { sessionId: session.id, participantId });
}
