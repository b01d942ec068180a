import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { cardText, connectWriter, nowUs, pace, pool, roomUrl, type Target, type Writer } from '../clients';
import { ObserverPool } from '../observers';
import { cpuSeconds, rssMiB, type ServerProc, sleep } from '../procs';
import { summarize, type Summary } from '../stats';
import { timeFreshSync } from '../watcher';
import { connectControl, type ControlSocket, whenConnected } from '../../support/clients';

export interface ManyRoomsOptions {
  rooms: number;
  peoplePerRoom: number;
  /** Stock y-websocket writers per room; the rest of the room are protocol-level readers. */
  writersPerRoom: number;
  /** Each person's share: one card every this many seconds (the room's writers send them). */
  cardEveryS: number;
  /** Yoriai only: readers per room that also hold socket.io and send `card:add` at the same pace. */
  commandersPerRoom: number;
  warmupS: number;
  measureS: number;
  threads: number;
  drainS: number;
}

export interface ManyRoomsResult {
  options: ManyRoomsOptions;
  clients: number;
  /** Writer's send → another reader of the same room (cards sent in the window). */
  fanout: Summary;
  expected: number;
  delivered: number;
  /** `card:add` ack latency (Yoriai), null for the reference. */
  ack: Summary | null;
  serverCpu: number;
  cpuPer1000: number;
  rssBusyMiB: number;
  loadAvg: number;
}

/** Card seqs of `card:add` start here, so the readers' latency window holds only writers' cards. */
const COMMAND_SEQ = 50_000_000;

/**
 * Many rooms on one process: `rooms` rooms of `peoplePerRoom` people, `writersPerRoom` stock
 * clients (full Y.Doc, presence on) and the rest protocol-level readers (presence on); every
 * room gets a card every `cardEveryS / peoplePerRoom` seconds from its writers. With Yoriai,
 * `commandersPerRoom` of the readers also send `card:add` over socket.io every `cardEveryS` s.
 */
export async function runManyRooms(targets: Target[], options: ManyRoomsOptions, log: (line: string) => void): Promise<ManyRoomsResult> {
  const server = targets[0].server;
  const loadAvg = os.loadavg()[0];
  const readersPerRoom = options.peoplePerRoom - options.writersPerRoom;
  const writers: Writer[] = [];
  const sockets: Array<{ socket: ControlSocket; room: string }> = [];
  const observers = new ObserverPool(options.threads);
  try {
    for (const [r, target] of targets.entries()) {
      for (let w = 0; w < options.writersPerRoom; w++) writers.push(connectWriter(target, `部屋${r + 1}書き手${w + 1}`, true));
    }
    await Promise.all(writers.map((w) => w.synced));
    await observers.connect(targets.flatMap((t) => Array.from({ length: readersPerRoom }, (_, i) => roomUrl(t, t.observerTokens[i] ?? ''))));
    const commanders = targets.flatMap((t) => t.participants.slice(0, options.commandersPerRoom).map((p) => ({ p, room: t.room })));
    await pool(commanders, 20, async ({ p, room }) => {
      const socket = connectControl(server.url, p.token);
      sockets.push({ socket, room });
      await whenConnected(socket);
    });
    const clients = writers.length + readersPerRoom * targets.length;
    log(`    ${clients} clients in ${targets.length} rooms (${writers.length} writers${sockets.length ? `, ${sockets.length} of the readers on socket.io too` : ''}); warm-up ${options.warmupS} s`);

    // Writer k of the run writes card seq when seq % writers === k: every room the same share.
    const pacer = pace((targets.length * options.peoplePerRoom) / options.cardEveryS, (seq) => writers[seq % writers.length].writeCard(seq));
    const acks: number[] = [];
    let measuring = false;
    let commandSeq = COMMAND_SEQ;
    const commands = sockets.length > 0 ? pace(sockets.length / options.cardEveryS, (n) => {
      const { socket, room } = sockets[n % sockets.length];
      const sent = nowUs();
      const counted = measuring;
      socket.emit('card:add', { room, id: randomUUID(), kind: 'idea', text: cardText(commandSeq++, sent) } as never, ((res: { ok: boolean }) => {
        if (counted) acks.push(res.ok ? (nowUs() - sent) / 1000 : Infinity);
      }) as never);
    }) : null;
    await sleep(options.warmupS * 1000);
    measuring = true;
    const seqStart = pacer.sent();
    const commandStart = commands?.sent() ?? 0;
    const commandSeqStart = commandSeq;
    const cpu0 = cpuSeconds(server.pid);
    let rssBusy = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < options.measureS * 1000) {
      await sleep(Math.min(1000, options.measureS * 1000 - (performance.now() - t0)));
      rssBusy = Math.max(rssBusy, rssMiB(server.pid));
    }
    measuring = false;
    const seqEnd = pacer.sent();
    const commandsSent = (commands?.sent() ?? 0) - commandStart;
    const commandSeqEnd = commandSeq;
    const serverCpu = cpuSeconds(server.pid) - cpu0;
    pacer.stop();
    commands?.stop();
    await observers.drain(Math.min(2000, options.drainS * 400), options.drainS * 1000);
    const { seqs, lats } = await observers.collect();
    const inWindow: number[] = [];
    let commandDeliveries = 0;
    for (let i = 0; i < seqs.length; i++) {
      if (seqs[i] >= seqStart && seqs[i] < seqEnd) inWindow.push(lats[i]);
      else if (seqs[i] >= commandSeqStart && seqs[i] < commandSeqEnd) commandDeliveries++;
    }
    const expected = (seqEnd - seqStart) * readersPerRoom;
    return {
      options,
      clients,
      fanout: summarize(inWindow, expected),
      expected,
      delivered: inWindow.length,
      ack: commands ? summarize(acks.filter(Number.isFinite), commandsSent) : null,
      serverCpu,
      // Every card sent in the window counts, the writers' and those sent by command.
      cpuPer1000: (serverCpu / Math.max(1, inWindow.length + commandDeliveries)) * 1000,
      rssBusyMiB: rssBusy,
      loadAvg,
    };
  } finally {
    await observers.close();
    for (const { socket } of sockets) socket.disconnect();
    for (const w of writers) w.destroy();
  }
}

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
