import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { boardParts } from '../../../shared/board/model';
import { connectWriter, pace, roomUrl, type Target, type Writer } from '../clients';
import { ObserverPool, type ObserverStats } from '../observers';
import { cpuSeconds, rssMiB, sleep } from '../procs';
import { summarize, type Summary } from '../stats';

export interface FanoutOptions {
  clients: number;
  writers: number;
  /** Cards per second, all writers together. */
  rate: number;
  warmupS: number;
  measureS: number;
  presence: boolean;
  threads: number;
  /** How long to wait for the last cards after the writers stop; later ones count as lost. */
  drainS: number;
}

/** CPU time of something outside the harness (Redis, PostgreSQL) over the measured window. */
export interface CpuProbe {
  name: string;
  /** Start counting; the function returned gives the CPU seconds used since. */
  start(): Promise<() => Promise<number>>;
}

/** One server process of the run: what it used in the window, and what its own observers received. */
export interface ServerShare {
  pid: number;
  clients: number;
  cpu: number;
  /** Card deliveries to the observers connected to this process. */
  delivered: number;
  /** `cpu` per 1,000 of `delivered`. */
  cpuPer1000: number;
  rssBusyMiB: number;
}

export interface FanoutResult {
  options: FanoutOptions;
  latency: Summary;
  /** Card deliveries to observers expected and seen for the cards sent in the window. */
  expected: number;
  delivered: number;
  cardsInWindow: number;
  /** How long the window really lasted, in seconds. */
  windowS: number;
  /** Cards per card frame the observers received (above 1: the server sent several cards in one update). */
  cardsPerFrame: number;
  /** Server CPU seconds during the window (every process together), and per 1,000 delivered card messages. */
  serverCpu: number;
  cpuPer1000: number;
  /** Each server process, in the order of the targets. */
  servers: ServerShare[];
  /**
   * With several processes: deliveries to observers on the writer's own process, and on another
   * (the update relayed through the cluster bus). Only when every observer thread serves one process.
   */
  split?: { local: Summary; relayed: Summary };
  /** After the drain: how many writers' documents held every card sent (the room converged). */
  converged: { writers: number; of: number; cardsSent: number; fewestCards: number };
  /** CPU seconds of each probe during the window. */
  probes: Record<string, number>;
  /** The harness process (writers and observer threads) CPU, as a share of one core. */
  harnessCore: number;
  /** Event-loop utilisation in the window: the writers' thread, then each observer thread. */
  harnessBusy: number[];
  /** Highest RSS in the window, every process together. */
  rssBusyMiB: number;
  observerStats: ObserverStats;
  loadAvg: number;
}

/**
 * Fan-out: `writers` stock y-websocket clients (full Y.Doc, stock Awareness) write cards at
 * `rate` per second in total; every other client is a protocol-level observer. Latency is
 * from a writer's send to an observer's receipt, for the cards sent in the window after warm-up.
 * Given several targets (the same room on several server processes), writer i and observer i
 * connect to target i % targets.length.
 */
export async function runFanout(targets: Target | Target[], options: FanoutOptions, log: (line: string) => void, probes: CpuProbe[] = []): Promise<FanoutResult> {
  const list = Array.isArray(targets) ? targets : [targets];
  const n = list.length;
  const observersCount = options.clients - options.writers;
  const loadAvg = os.loadavg()[0];
  const writers: Writer[] = [];
  const pool = new ObserverPool(options.threads);
  try {
    for (let i = 0; i < options.writers; i++) writers.push(connectWriter(list[i % n], `書き手${i + 1}`, options.presence));
    await Promise.all(writers.map((w) => w.synced));
    const urls = Array.from({ length: observersCount }, (_, i) => roomUrl(list[i % n], list[0].observerTokens[i] ?? ''));
    await pool.connect(urls, options.presence);
    log(`    ${options.clients} clients connected (${options.writers} writers, ${observersCount} observers${n > 1 ? `, over ${n} processes` : ''}); warm-up ${options.warmupS} s`);

    const pacer = pace(options.rate, (seq) => writers[seq % writers.length].writeCard(seq));
    await sleep(options.warmupS * 1000);
    const seqStart = pacer.sent();
    const cpu0 = list.map((t) => cpuSeconds(t.server.pid));
    const probeEnds = await Promise.all(probes.map((p) => p.start()));
    const self0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    await pool.mark();
    const t0 = performance.now();
    const rssBusy = list.map(() => 0);
    // By the clock, not by counting sleeps: on a loaded machine a 1 s sleep can take much longer.
    while (performance.now() - t0 < options.measureS * 1000) {
      await sleep(Math.min(1000, options.measureS * 1000 - (performance.now() - t0)));
      list.forEach((t, i) => (rssBusy[i] = Math.max(rssBusy[i], rssMiB(t.server.pid))));
    }
    const seqEnd = pacer.sent();
    const elapsed = (performance.now() - t0) / 1000;
    const cpu = list.map((t, i) => cpuSeconds(t.server.pid) - cpu0[i]);
    const probeCpu = await Promise.all(probeEnds.map((end) => end()));
    const self = process.cpuUsage(self0);
    const mainBusy = performance.eventLoopUtilization(elu0).utilization;
    await pool.unmark();
    const cardsSent = pacer.stop();
    await pool.drain(Math.min(2000, options.drainS * 400), options.drainS * 1000);
    const converged = await waitConverged(writers, cardsSent, Math.min(5, options.drainS) * 1000);
    const collected = await pool.collect();

    const window = { start: seqStart, end: seqEnd };
    const { latency, delivered, perServer, split } = analyse(collected, window, { targets: n, writers: options.writers, observers: observersCount, threads: options.threads });
    const cardsInWindow = seqEnd - seqStart;
    const serverCpu = cpu.reduce((a, b) => a + b, 0);
    return {
      options,
      latency,
      expected: cardsInWindow * observersCount,
      delivered,
      cardsInWindow,
      windowS: elapsed,
      cardsPerFrame: collected.seqs.length / collected.stats.cardMessages,
      serverCpu,
      cpuPer1000: (serverCpu / delivered) * 1000,
      servers: list.map((t, i) => ({
        pid: t.server.pid,
        clients: countOn(i, n, options.writers) + countOn(i, n, observersCount),
        cpu: cpu[i],
        delivered: perServer[i],
        cpuPer1000: (cpu[i] / perServer[i]) * 1000,
        rssBusyMiB: rssBusy[i],
      })),
      split,
      converged,
      probes: Object.fromEntries(probes.map((p, i) => [p.name, probeCpu[i]])),
      harnessCore: (self.user + self.system) / 1e6 / elapsed,
      harnessBusy: [mainBusy, ...collected.busy],
      rssBusyMiB: rssBusy.reduce((a, b) => a + b, 0),
      observerStats: collected.stats,
      loadAvg,
    };
  } finally {
    await pool.close();
    for (const w of writers) w.destroy();
  }
}

/** How many of `count` clients, dealt round robin, go to target `i` of `n`. */
const countOn = (i: number, n: number, count: number) => Math.floor(count / n) + (i < count % n ? 1 : 0);

/**
 * Latency over the window's deliveries, and per process. Observer URL j is in thread j % threads
 * and on target j % targets, so when `targets` divides `threads` thread w serves target w % targets
 * only; card `seq` was written by writer seq % writers, on target (seq % writers) % targets.
 */
function analyse(
  c: { seqs: Uint32Array; lats: Float32Array; perThread: number[] },
  window: { start: number; end: number },
  shape: { targets: number; writers: number; observers: number; threads: number },
) {
  const { targets, writers, observers, threads } = shape;
  const inWindow: number[] = [];
  const perServer = new Array<number>(targets).fill(0);
  const byThread = threads % targets === 0;
  const local: number[] = [];
  const relayed: number[] = [];
  let at = 0;
  c.perThread.forEach((count, w) => {
    const target = w % targets;
    for (let i = at; i < at + count; i++) {
      const seq = c.seqs[i];
      if (seq < window.start || seq >= window.end) continue;
      inWindow.push(c.lats[i]);
      if (!byThread) continue;
      perServer[target]++;
      if (targets > 1) ((seq % writers) % targets === target ? local : relayed).push(c.lats[i]);
    }
    at += count;
  });
  const cards = window.end - window.start;
  const latency = summarize(inWindow, cards * observers);
  if (!byThread) return { latency, delivered: inWindow.length, perServer: perServer.map(() => NaN), split: undefined };
  if (targets === 1) return { latency, delivered: inWindow.length, perServer, split: undefined };
  let localExpected = 0;
  for (let seq = window.start; seq < window.end; seq++) localExpected += countOn((seq % writers) % targets, targets, observers);
  const split = { local: summarize(local, localExpected), relayed: summarize(relayed, cards * observers - localExpected) };
  return { latency, delivered: inWindow.length, perServer, split };
}

/** Wait (up to `capMs`) until every writer's document holds every card sent. */
async function waitConverged(writers: Writer[], cardsSent: number, capMs: number): Promise<FanoutResult['converged']> {
  const counts = () => writers.map((w) => boardParts(w.doc).cards.size);
  const start = performance.now();
  let now = counts();
  while (now.some((c) => c < cardsSent) && performance.now() - start < capMs) {
    await sleep(250);
    now = counts();
  }
  return { writers: now.filter((c) => c >= cardsSent).length, of: writers.length, cardsSent, fewestCards: Math.min(...now) };
}
