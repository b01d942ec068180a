import os from 'node:os';
import { performance } from 'node:perf_hooks';
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

export interface FanoutResult {
  options: FanoutOptions;
  latency: Summary;
  /** Card deliveries to observers expected and seen for the cards sent in the window. */
  expected: number;
  delivered: number;
  cardsInWindow: number;
  /** Server CPU seconds during the window, and per 1,000 delivered card messages. */
  serverCpu: number;
  cpuPer1000: number;
  /** The harness process (writers and observer threads) CPU, as a share of one core. */
  harnessCore: number;
  /** Event-loop utilisation in the window: the writers' thread, then each observer thread. */
  harnessBusy: number[];
  rssBusyMiB: number;
  observerStats: ObserverStats;
  loadAvg: number;
}

/**
 * Fan-out: `writers` stock y-websocket clients (full Y.Doc, stock Awareness) write cards at
 * `rate` per second in total; every other client is a protocol-level observer. Latency is
 * from a writer's send to an observer's receipt, for the cards sent in the window after warm-up.
 */
export async function runFanout(target: Target, options: FanoutOptions, log: (line: string) => void): Promise<FanoutResult> {
  const observersCount = options.clients - options.writers;
  const loadAvg = os.loadavg()[0];
  const writers: Writer[] = [];
  const pool = new ObserverPool(options.threads);
  try {
    for (let i = 0; i < options.writers; i++) writers.push(connectWriter(target, `書き手${i + 1}`, options.presence));
    await Promise.all(writers.map((w) => w.synced));
    const urls = Array.from({ length: observersCount }, (_, i) => roomUrl(target, target.observerTokens[i] ?? ''));
    await pool.connect(urls, options.presence);
    log(`    ${options.clients} clients connected (${options.writers} writers, ${observersCount} observers); warm-up ${options.warmupS} s`);

    const pacer = pace(options.rate, (seq) => writers[seq % writers.length].writeCard(seq));
    await sleep(options.warmupS * 1000);
    const seqStart = pacer.sent();
    const cpu0 = cpuSeconds(target.server.pid);
    const self0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    await pool.mark();
    const t0 = performance.now();
    let rssBusy = 0;
    for (let s = 0; s < options.measureS; s++) {
      await sleep(1000);
      rssBusy = Math.max(rssBusy, rssMiB(target.server.pid));
    }
    const seqEnd = pacer.sent();
    const cpu1 = cpuSeconds(target.server.pid);
    const self = process.cpuUsage(self0);
    const mainBusy = performance.eventLoopUtilization(elu0).utilization;
    await pool.unmark();
    const elapsed = (performance.now() - t0) / 1000;
    pacer.stop();
    await pool.drain(Math.min(2000, options.drainS * 400), options.drainS * 1000);
    const { seqs, lats, stats, busy } = await pool.collect();

    const inWindow: number[] = [];
    for (let i = 0; i < seqs.length; i++) if (seqs[i] >= seqStart && seqs[i] < seqEnd) inWindow.push(lats[i]);
    const cardsInWindow = seqEnd - seqStart;
    const serverCpu = cpu1 - cpu0;
    return {
      options,
      latency: summarize(inWindow, cardsInWindow * observersCount),
      expected: cardsInWindow * observersCount,
      delivered: inWindow.length,
      cardsInWindow,
      serverCpu,
      cpuPer1000: (serverCpu / inWindow.length) * 1000,
      harnessCore: (self.user + self.system) / 1e6 / elapsed,
      harnessBusy: [mainBusy, ...busy],
      rssBusyMiB: rssBusy,
      observerStats: stats,
      loadAvg,
    };
  } finally {
    await pool.close();
    for (const w of writers) w.destroy();
  }
}
