import type { RosterEntry } from '../../../shared/protocol';
import { listParticipants } from '../../../db/repositories/sessions.repository';
import type { ServiceContext } from '../../services/context';
import { sessionChannel } from './channels';
import type { IoServer } from './request';

/**
 * A session's roster goes out at most once per window, with who is there at its end: 300
 * phones connecting at the start of a workshop cause a few broadcasts, not 300 (each of which
 * would reach every phone).
 */
export const ROSTER_WINDOW_MS = 250;

/** Roster broadcasts of every session, coalesced per session. */
export interface RosterBroadcasts {
  /** Send the session's roster at the end of the current window (one send however often asked). */
  schedule(sessionId: string): void;
  /** Drop what is scheduled (the server is closing). */
  stop(): void;
}

export function createRosterBroadcasts(ctx: ServiceContext, io: IoServer, windowMs = ROSTER_WINDOW_MS): RosterBroadcasts {
  const pending = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  const send = (sessionId: string) => {
    pending.delete(sessionId);
    buildRoster(ctx, io, sessionId).then(
      (people) => {
        if (!stopped) io.to(sessionChannel(sessionId)).emit('roster:state', { sessionId, people });
      },
      (error: unknown) => ctx.log.warn({ err: error, sessionId }, 'could not broadcast roster'),
    );
  };
  return {
    schedule(sessionId) {
      if (stopped || pending.has(sessionId)) return;
      const timer = setTimeout(() => send(sessionId), windowMs);
      timer.unref();
      pending.set(sessionId, timer);
    },
    stop() {
      stopped = true;
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}

/** Who is connected now, one entry per person however many sockets they hold. */
async function buildRoster(ctx: ServiceContext, io: IoServer, sessionId: string): Promise<RosterEntry[]> {
  const [sockets, participants] = await Promise.all([io.in(sessionChannel(sessionId)).fetchSockets(), listParticipants(ctx.db, sessionId)]);
  const byId = new Map(participants.map((p) => [p.id, p]));
  const people = new Map<string, RosterEntry>();
  for (const s of sockets) {
    const a = s.data.actor;
    const key = a.participantId ?? `user:${a.userId}:${a.role}`;
    const entry = people.get(key);
    if (entry) {
      entry.connections += 1;
      continue;
    }
    const p = a.participantId ? byId.get(a.participantId) : undefined;
    people.set(key, {
      participantId: a.participantId,
      displayName: p?.display_name ?? a.displayName,
      organizationType: p?.organization_type ?? a.organizationType,
      role: a.role,
      connections: 1,
      room: p?.room ?? null,
      scribe: p?.scribe === 1,
    });
  }
  return [...people.values()];
}
