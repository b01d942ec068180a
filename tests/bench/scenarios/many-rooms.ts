import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { cardText, connectWriter, nowUs, pace, pool, roomUrl, type Target, type Writer } from '../clients';
import { type Collected, ObserverPool } from '../observers';
import { cpuSeconds, rssMiB, type ServerProc, sleep } from '../procs';
import { summarize, type Summary } from '../stats';
import type { CpuProbe, ServerShare } from './fanout';
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
  /** Every process together. */
  serverCpu: number;
  cpuPer1000: number;
  /** Highest RSS in the window, every process together. */
  rssBusyMiB: number;
  loadAvg: number;
  /** How long the window really lasted, in seconds, and the writers' cards sent in it. */
  windowS: number;
  cardsInWindow: number;
  /** Each server process, in the order of a room's targets. */
  /** Per process; `delivered` counts the writers' and the commands' cards to its readers. */
  servers: ServerShare[];
  /** With several processes: deliveries on the writer's own process, and relayed to another (through the cluster bus). */
  split?: { local: Summary; relayed: Summary };
  /** CPU seconds of each probe (Redis, PostgreSQL) during the window. */
  probes: Record<string, number>;
  /** The harness process (writers, commanders, observer threads) CPU in the window, as a share of one core. */
  harnessCore: number;
  /** Event-loop utilisation in the window: the writers' thread, then each observer thread (near 1: the harness was the limit). */
  harnessBusy: number[];
}

/** Card seqs of `card:add` start here, so the readers' latency window holds only writers' cards. */
const COMMAND_SEQ = 50_000_000;

/**
 * Where every client of the run is: writer w of a room on the room's target w % n; reader j of
 * the run (rooms one after another) on target j % n, so observer thread t (URL j is in thread
 * j % threads) serves target t % n alone; a commander on the target of the reader it is.
 */
interface Layout {
  rooms: Target[][];
  /** Targets per room (processes). */
  n: number;
  readersPerRoom: number;
  /** Target index of each writer of the run, in the order of `writers`. */
  writerOn: number[];
  /** Readers of room r on target k. */
  readersOn: number[][];
}

function layout(rooms: Array<Target | Target[]>, options: ManyRoomsOptions): Layout {
  const placed = rooms.map((r) => (Array.isArray(r) ? r : [r]));
  const n = placed[0].length;
  if (placed.some((r) => r.length !== n || r.some((t, k) => t.server !== placed[0][k].server))) throw new Error('every room needs one target on each process, in the same order');
  const readersPerRoom = options.peoplePerRoom - options.writersPerRoom;
  const readersOn = placed.map((_, r) => Array.from({ length: n }, (_, k) => countWhere(readersPerRoom, (i) => (r * readersPerRoom + i) % n === k)));
  const writerOn = placed.flatMap(() => Array.from({ length: options.writersPerRoom }, (_, w) => w % n));
  return { rooms: placed, n, readersPerRoom, writerOn, readersOn };
}

const countWhere = (count: number, test: (i: number) => boolean) => Array.from({ length: count }, (_, i) => i).filter(test).length;

interface RoomsClients {
  writers: Writer[];
  sockets: Array<{ socket: ControlSocket; room: string }>;
  observers: ObserverPool;
}

/** Connect every room's writers, readers and commanders, each to its own process. */
async function connectRooms(at: Layout, options: ManyRoomsOptions, into: RoomsClients): Promise<void> {
  const { rooms, n, readersPerRoom } = at;
  for (const [r, targets] of rooms.entries()) {
    for (let w = 0; w < options.writersPerRoom; w++) into.writers.push(connectWriter(targets[w % n], `部屋${r + 1}書き手${w + 1}`, true));
  }
  await Promise.all(into.writers.map((w) => w.synced));
  const readerTarget = (r: number, i: number) => rooms[r][(r * readersPerRoom + i) % n];
  await into.observers.connect(rooms.flatMap((targets, r) => Array.from({ length: readersPerRoom }, (_, i) => roomUrl(readerTarget(r, i), targets[0].observerTokens[i] ?? ''))));
  // Commander c is reader c of its room (the same participant), on that reader's process.
  const commanders = rooms.flatMap((targets, r) => targets[0].participants.slice(0, options.commandersPerRoom).map((p, c) => ({ p, room: targets[0].room, server: readerTarget(r, c).server })));
  await pool(commanders, 20, async ({ p, room, server }) => {
    const socket = connectControl(server.url, p.token);
    into.sockets.push({ socket, room });
    await whenConnected(socket);
  });
}

/**
 * Many rooms: `rooms` rooms of `peoplePerRoom` people, `writersPerRoom` stock clients (full
 * Y.Doc, presence on) and the rest protocol-level readers (presence on); every room gets a card
 * every `cardEveryS / peoplePerRoom` seconds from its writers. With Yoriai, `commandersPerRoom`
 * of the readers also send `card:add` over socket.io every `cardEveryS` s. A room given as one
 * target is on one process; given as one target per process (the same room on each), its
 * clients are split between them (see Layout), so part of its deliveries cross the cluster bus.
 * CPU and RSS are read for every process; `probes` (Redis, PostgreSQL) over the same window.
 */
export async function runManyRooms(rooms: Array<Target | Target[]>, options: ManyRoomsOptions, log: (line: string) => void, probes: CpuProbe[] = []): Promise<ManyRoomsResult> {
  const at = layout(rooms, options);
  const servers = at.rooms[0].map((t) => t.server);
  const loadAvg = os.loadavg()[0];
  const clients: RoomsClients = { writers: [], sockets: [], observers: new ObserverPool(options.threads) };
  const { writers, sockets, observers } = clients;
  try {
    await connectRooms(at, options, clients);
    const total = writers.length + at.readersPerRoom * at.rooms.length;
    log(`    ${total} clients in ${at.rooms.length} rooms (${writers.length} writers${sockets.length ? `, ${sockets.length} of the readers on socket.io too` : ''}${at.n > 1 ? `, over ${at.n} processes` : ''}); warm-up ${options.warmupS} s`);

    // Writer k of the run writes card seq when seq % writers === k: every room the same share.
    const pacer = pace((at.rooms.length * options.peoplePerRoom) / options.cardEveryS, (seq) => writers[seq % writers.length].writeCard(seq));
    const commands = startCommands(sockets, options.cardEveryS);
    await sleep(options.warmupS * 1000);
    await observers.mark();
    commands.measuring = true;
    const seqStart = pacer.sent();
    const commandStart = commands.pacer?.sent() ?? 0;
    const commandSeqStart = commands.seq;
    const window = await measureWindow(servers, options.measureS, probes, observers);
    commands.measuring = false;
    const seqEnd = pacer.sent();
    const commandsSent = (commands.pacer?.sent() ?? 0) - commandStart;
    const commandSeqEnd = commands.seq;
    const cpu = await window.end();
    pacer.stop();
    commands.pacer?.stop();
    await observers.drain(Math.min(2000, options.drainS * 400), options.drainS * 1000);
    const collected = await observers.collect();
    const seen = analyseRooms(collected, at, { start: seqStart, end: seqEnd }, { start: commandSeqStart, end: commandSeqEnd }, options.threads);
    const serverCpu = cpu.cpu.reduce((a, b) => a + b, 0);
    return {
      options,
      clients: total,
      fanout: seen.fanout,
      expected: seen.expected,
      delivered: seen.delivered,
      ack: commands.pacer ? summarize(commands.acks.filter(Number.isFinite), commandsSent) : null,
      serverCpu,
      // Every card sent in the window counts, the writers' and those sent by command.
      cpuPer1000: (serverCpu / Math.max(1, seen.delivered + seen.commandDeliveries)) * 1000,
      rssBusyMiB: cpu.rss.reduce((a, b) => a + b, 0),
      loadAvg,
      windowS: cpu.windowS,
      cardsInWindow: seqEnd - seqStart,
      servers: servers.map((s, k) => ({
        pid: s.pid,
        clients: countWhere(writers.length, (i) => at.writerOn[i] === k) + at.readersOn.reduce((sum, room) => sum + room[k], 0),
        cpu: cpu.cpu[k],
        delivered: seen.perServer[k],
        cpuPer1000: (cpu.cpu[k] / Math.max(1, seen.perServer[k])) * 1000,
        rssBusyMiB: cpu.rss[k],
      })),
      split: seen.split,
      probes: cpu.probes,
      harnessCore: cpu.harnessCore,
      harnessBusy: [cpu.mainBusy, ...collected.busy],
    };
  } finally {
    await observers.close();
    for (const { socket } of sockets) socket.disconnect();
    for (const w of writers) w.destroy();
  }
}

/** The commanders' `card:add`, one every `everyS` s each, acks recorded while `measuring`. */
function startCommands(sockets: RoomsClients['sockets'], everyS: number) {
  const state = { measuring: false, seq: COMMAND_SEQ, acks: [] as number[], pacer: null as ReturnType<typeof pace> | null };
  if (sockets.length === 0) return state;
  state.pacer = pace(sockets.length / everyS, (n) => {
    const { socket, room } = sockets[n % sockets.length];
    const sent = nowUs();
    const counted = state.measuring;
    socket.emit('card:add', { room, id: randomUUID(), kind: 'idea', text: cardText(state.seq++, sent) } as never, ((res: { ok: boolean }) => {
      if (counted) state.acks.push(res.ok ? (nowUs() - sent) / 1000 : Infinity);
    }) as never);
  });
  return state;
}

/** The measured window: CPU of every process and probe, and each process's highest RSS (read every second). */
async function measureWindow(servers: ServerProc[], measureS: number, probes: CpuProbe[], observers: ObserverPool) {
  const self0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = servers.map((s) => cpuSeconds(s.pid));
  const probeEnds = await Promise.all(probes.map((p) => p.start()));
  const rss = servers.map(() => 0);
  const t0 = performance.now();
  while (performance.now() - t0 < measureS * 1000) {
    await sleep(Math.min(1000, measureS * 1000 - (performance.now() - t0)));
    servers.forEach((s, k) => (rss[k] = Math.max(rss[k], rssMiB(s.pid))));
  }
  const windowS = (performance.now() - t0) / 1000;
  const cpu = servers.map((s, k) => cpuSeconds(s.pid) - cpu0[k]);
  const self = process.cpuUsage(self0);
  const mainBusy = performance.eventLoopUtilization(elu0).utilization;
  return {
    async end() {
      const probeCpu = await Promise.all(probeEnds.map((end) => end()));
      await observers.unmark();
      const harnessCore = (self.user + self.system) / 1e6 / windowS;
      return { cpu, rss, windowS, harnessCore, mainBusy, probes: Object.fromEntries(probes.map((p, i) => [p.name, probeCpu[i]])) };
    },
  };
}

/**
 * The readers' deliveries of the window's cards: latency over the run, and when every observer
 * thread serves one process (threads a multiple of n), per process and local against relayed.
 */
function analyseRooms(c: Collected, at: Layout, cards: { start: number; end: number }, commands: { start: number; end: number }, threads: number) {
  const inWindow: number[] = [];
  const local: number[] = [];
  const relayed: number[] = [];
  const perServer = new Array<number>(at.n).fill(0);
  const byThread = threads % at.n === 0;
  let commandDeliveries = 0;
  let i = 0;
  c.perThread.forEach((count, t) => {
    const target = t % at.n;
    for (const end = i + count; i < end; i++) {
      const seq = c.seqs[i];
      if (seq >= cards.start && seq < cards.end) {
        inWindow.push(c.lats[i]);
        perServer[target]++;
        if (at.n > 1) (at.writerOn[seq % at.writerOn.length] === target ? local : relayed).push(c.lats[i]);
      } else if (seq >= commands.start && seq < commands.end) {
        commandDeliveries++;
        perServer[target]++;
      }
    }
  });
  const expected = (cards.end - cards.start) * at.readersPerRoom;
  const fanout = summarize(inWindow, expected);
  const base = { fanout, expected, delivered: inWindow.length, commandDeliveries };
  if (!byThread) return { ...base, perServer: perServer.map(() => NaN), split: undefined };
  if (at.n === 1) return { ...base, perServer, split: undefined };
  let localExpected = 0;
  for (let seq = cards.start; seq < cards.end; seq++) {
    const k = seq % at.writerOn.length;
    localExpected += at.readersOn[Math.floor(k / (at.writerOn.length / at.rooms.length))][at.writerOn[k]];
  }
  return { ...base, perServer, split: { local: summarize(local, localExpected), relayed: summarize(relayed, expected - localExpected) } };
}
