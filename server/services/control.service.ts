import type { ControlState, TimerState } from '../../shared/protocol';
import type { Language } from '../../shared/i18n';
import { findSessionById, listBoards, updateSession, type SessionRow } from '../../db/repositories/sessions.repository';
import { serializeOn } from '../../db/dialect';
import type { TokenActor } from '../auth/policy';
import { AppError } from '../errors';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { boardName, parsePhases } from './sessions.service';
import { sessionControl, type StoredControl } from './stored-json';

export type { StoredControl } from './stored-json';

function readStored(ctx: Pick<ServiceContext, 'log'>, row: SessionRow): StoredControl {
  return sessionControl.decode(ctx.log, row.id, row.control);
}

function phaseTimer(durationSec: number): TimerState {
  return { running: false, endsAt: null, remainingMs: durationSec * 1000, durationMs: durationSec * 1000 };
}

/** The full control state of a session, as broadcast to its sockets. */
export async function readControlState(ctx: ServiceContext, sessionId: string, lang: Language = 'ja'): Promise<ControlState> {
  const row = await findSessionById(ctx.db, sessionId);
  if (!row) throw new AppError('not_found', 'no such session');
  return presentControl(ctx, row, readStored(ctx, row), lang);
}

async function presentControl(ctx: ServiceContext, row: SessionRow, stored: StoredControl, lang: Language): Promise<ControlState> {
  const phases = parsePhases(ctx, row);
  const phaseIndex = Math.min(stored.phaseIndex, Math.max(0, phases.length - 1));
  const boards = await listBoards(ctx.db, row.id);
  return {
    sessionId: row.id,
    title: row.title,
    theme: row.theme,
    status: row.status,
    phases,
    phaseIndex,
    timer: stored.timer ?? phaseTimer(phases[phaseIndex]?.durationSec ?? 0),
    locked: stored.locked,
    follow: stored.follow,
    spotlight: stored.spotlight,
    share: stored.share,
    projector: stored.projector,
    timerOptions: stored.timerOptions,
    tableMode: row.table_mode,
    boards: boards.map((b) => ({ room: b.room, name: boardName(b, lang), kind: b.kind, theme: b.theme })),
    serverNow: ctx.now().getTime(),
  };
}

/** A change to the control state, given the current state, the phases and the time. */
export type ControlChange =
  | { type: 'phase'; index: number }
  | { type: 'timer-start' }
  | { type: 'timer-pause' }
  | { type: 'timer-reset' }
  | { type: 'timer-add'; seconds: number }
  | { type: 'lock'; locked: boolean }
  | { type: 'follow'; follow: StoredControl['follow'] }
  | { type: 'spotlight'; spotlight: StoredControl['spotlight'] }
  | { type: 'share'; active: boolean; index: number }
  | { type: 'projector'; view?: StoredControl['projector']['view']; qr?: StoredControl['projector']['qr'] }
  | { type: 'timer-options'; chime?: boolean; startWithPhase?: boolean };

/**
 * Apply one change (pure). The timer is kept as an end time while running, so every device
 * agrees; it runs on past zero (overtime), so a pause in overtime keeps the time over as a
 * negative `remainingMs` and a start carries on counting it.
 */
export function applyControlChange(state: StoredControl, change: ControlChange, phases: { durationSec: number }[], now: number): StoredControl {
  const timer = state.timer ?? phaseTimer(phases[state.phaseIndex]?.durationSec ?? 0);
  const left = timer.running && timer.endsAt !== null ? timer.endsAt - now : timer.remainingMs;
  switch (change.type) {
    case 'phase': {
      const index = Math.max(0, Math.min(change.index, phases.length - 1));
      const next = phaseTimer(phases[index]?.durationSec ?? 0);
      // A phase with no planned length has nothing to count down.
      const start = state.timerOptions.startWithPhase && next.durationMs > 0;
      return { ...state, phaseIndex: index, timer: start ? { ...next, running: true, endsAt: now + next.durationMs } : next };
    }
    case 'timer-start':
      return timer.running ? state : { ...state, timer: { ...timer, running: true, endsAt: now + left, remainingMs: left } };
    case 'timer-pause':
      return { ...state, timer: { ...timer, running: false, endsAt: null, remainingMs: left } };
    case 'timer-reset':
      return { ...state, timer: phaseTimer(phases[state.phaseIndex]?.durationSec ?? 0) };
    case 'timer-add': {
      const ms = change.seconds * 1000;
      if (timer.running && timer.endsAt !== null) return { ...state, timer: { ...timer, endsAt: Math.max(now, timer.endsAt + ms) } };
      return { ...state, timer: { ...timer, remainingMs: Math.max(0, Math.max(0, left) + ms) } };
    }
    case 'lock':
      return { ...state, locked: change.locked };
    case 'follow':
      return { ...state, follow: change.follow };
    case 'spotlight':
      return { ...state, spotlight: change.spotlight };
    case 'share':
      return { ...state, share: { active: change.active, index: change.index } };
    case 'projector':
      return { ...state, projector: { view: change.view ?? state.projector.view, qr: change.qr ?? state.projector.qr } };
    case 'timer-options':
      return {
        ...state,
        timerOptions: { chime: change.chime ?? state.timerOptions.chime, startWithPhase: change.startWithPhase ?? state.timerOptions.startWithPhase },
      };
  }
}

/**
 * The facilitator changes the running session. Rooms named in the change must belong to the
 * session. Read, change and write happen in one transaction, so two facilitators' clicks
 * never lose each other.
 */
export async function changeControl(ctx: ServiceContext, actor: TokenActor, change: ControlChange): Promise<ControlState> {
  if (actor.role !== 'facilitator') throw new AppError('forbidden', 'only the facilitator runs the session');
  const boards = await listBoards(ctx.db, actor.sessionId);
  const rooms = new Set(boards.map((b) => b.room));
  if (change.type === 'share') change = { ...change, index: Math.min(change.index, Math.max(0, boards.filter((b) => b.kind === 'table').length - 1)) };
  const named = change.type === 'follow' ? change.follow?.room : change.type === 'spotlight' ? change.spotlight?.room : undefined;
  if (named && !rooms.has(named)) throw new AppError('not_found', 'no such board in this session');
  const { row, next } = await ctx.db.transaction().execute(async (trx) => {
    await serializeOn(trx, `control:${actor.sessionId}`);
    const current = await requireOpenSession(trx, actor.sessionId);
    const updated = applyControlChange(readStored(ctx, current), change, parsePhases(ctx, current), ctx.now().getTime());
    await updateSession(trx, current.id, { control: sessionControl.encode(updated) });
    return { row: current, next: updated };
  });
  if (change.type === 'phase' || change.type === 'lock') {
    await recordAudit(ctx, actor, 'session.control', { sessionId: row.id, detail: { ...change } });
  }
  return presentControl(ctx, row, next, 'ja');
}

/**
 * Closed sessions take nothing: until it is reopened, every change through the control channel
 * (control bar, tables, votes, polls, cards) is refused with `not_open`. Pass the transaction
 * that makes the change, so a close cannot slip between the check and the write.
 */
export async function requireOpenSession(db: Parameters<typeof findSessionById>[0], sessionId: string): Promise<SessionRow> {
  const session = await findSessionById(db, sessionId);
  if (!session) throw new AppError('not_found', 'no such session');
  if (session.status !== 'open') throw new AppError('not_open', 'the session is closed');
  return session;
}

/** Whether participants may write now: board not locked, and which kinds the phase allows. */
export function writePermissions(ctx: Pick<ServiceContext, 'log'>, session: SessionRow): { locked: boolean; allowedKinds: string[] } {
  const stored = readStored(ctx, session);
  const phases = parsePhases(ctx, session);
  const index = Math.min(stored.phaseIndex, Math.max(0, phases.length - 1));
  return { locked: stored.locked, allowedKinds: phases[index]?.allowedKinds ?? [] };
}
