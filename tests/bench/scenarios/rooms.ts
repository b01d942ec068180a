import os from 'node:os';
import { connectWriter, pool, type Target } from '../clients';
import { rssMiB, type ServerProc, sleep } from '../procs';
import { timeFreshSync } from '../watcher';

export interface DayOptions {
  sessions: number;
  /** Cards each session's facilitator writes before leaving. */
  cardsPerSession: number;
  reopen: number;
  /** How long after the last room empties RSS is read again (Yoriai evicts a room 30 s after its last client). */
  settleS: number;
}

export interface DayResult {
  options: DayOptions;
  /** Connect → synced of each reopened room, the fresh clients all at once. */
  reopenMs: number[];
  idleMiB: number;
  busyMiB: number;
  afterMiB: number;
  loadAvg: number;
}

/**
 * A day of rooms: `sessions` sessions created; each opened by its facilitator (a stock client),
 * `cardsPerSession` cards written, and left, one after another; then `reopen` of them opened at
 * once by fresh clients, each on its own room (all cold: evicted after the idle time). RSS is
 * read at idle (sessions created, no board open), at its highest, and `settleS` after the last
 * room emptied.
 */
export async function runDayOfRooms(server: ServerProc, prepare: (title: string) => Promise<Target>, options: DayOptions, log: (line: string) => void): Promise<DayResult> {
  const loadAvg = os.loadavg()[0];
  const targets = await pool(Array.from({ length: options.sessions }, (_, i) => i), 4, (i) => prepare(`一日${i + 1}`));
  await sleep(2000);
  const idleMiB = rssMiB(server.pid);
  let busyMiB = idleMiB;
  let seq = 0;
  for (const target of targets) {
    const writer = connectWriter(target, 'ファシリテーター', true);
    await writer.synced;
    writer.doc.transact(() => {
      for (let c = 0; c < options.cardsPerSession; c++) writer.writeCard(seq++);
    });
    await waitStored(target, options.cardsPerSession);
    writer.destroy();
    busyMiB = Math.max(busyMiB, rssMiB(server.pid));
  }
  log(`    ${targets.length} sessions written (${options.cardsPerSession} cards each) and left; waiting for the rooms to leave memory`);
  await sleep(35_000);
  const chosen = targets.filter((_, i) => i % Math.floor(targets.length / options.reopen) === 0).slice(0, options.reopen);
  const reopened = await Promise.all(chosen.map((t) => timeFreshSync(t, t.observerTokens[0])));
  for (const r of reopened) if (r.cards !== options.cardsPerSession) throw new Error(`a reopened room holds ${r.cards} cards, not ${options.cardsPerSession}`);
  busyMiB = Math.max(busyMiB, rssMiB(server.pid));
  await sleep(options.settleS * 1000);
  return { options, reopenMs: reopened.map((r) => r.ms), idleMiB, busyMiB, afterMiB: rssMiB(server.pid), loadAvg };
}

/** Wait until a fresh reader of the room sees `cards` cards (the writer's cards are stored). */
async function waitStored(target: Target, cards: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await timeFreshSync(target, target.observerTokens[0])).cards >= cards) return;
    await sleep(50);
  }
  throw new Error(`room ${target.room} never showed its ${cards} cards`);
}
