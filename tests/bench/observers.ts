import { Worker } from 'node:worker_threads';

export interface ObserverStats {
  cardMessages: number;
  awarenessMessages: number;
  bytesIn: number;
  closedEarly: number;
}

export interface Collected {
  seqs: Uint32Array;
  lats: Float32Array;
  stats: ObserverStats;
  /** Each thread's event-loop utilisation from `mark` to `unmark` (near 1: the thread was the bottleneck). */
  busy: number[];
  /** How many of the samples each thread gave, in the order they are concatenated. */
  perThread: number[];
}

// Workers do not inherit tsx's loader on Node 20: register it in the thread, then load the entry.
const BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(require('node:worker_threads').workerData.entry); })`;

/**
 * Protocol-level observers spread over worker threads (see observer-worker.ts), so parsing
 * tens of thousands of frames a second does not delay the writers' clock or each other.
 */
export class ObserverPool {
  private workers: Worker[] = [];

  constructor(threads: number) {
    for (let i = 0; i < threads; i++) {
      this.workers.push(new Worker(BOOT, { eval: true, workerData: { entry: new URL('./observer-worker.ts', import.meta.url).href } }));
    }
  }

  private ask<T>(worker: Worker, message: object, reply: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const onMessage = (msg: { type: string }) => {
        if (msg.type !== reply) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve(msg as T);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.postMessage(message);
    });
  }

  /** Open every URL (URL i in thread i % threads); resolves when all are synced. Throws if any failed. */
  async connect(urls: string[], presence = true): Promise<void> {
    const n = this.workers.length;
    const results = await Promise.all(
      this.workers.map((worker, w) => {
        const mine = urls.filter((_, i) => i % n === w);
        return this.ask<{ failed: number }>(worker, { type: 'connect', urls: mine, presence, offset: w * 100_000 }, 'connected');
      }),
    );
    const failed = results.reduce((sum, r) => sum + r.failed, 0);
    if (failed > 0) throw new Error(`${failed} of ${urls.length} observers could not connect and sync`);
  }

  /** Start (`mark`) and end (`unmark`) the window of the threads' event-loop utilisation. */
  async mark(): Promise<void> {
    await Promise.all(this.workers.map((worker) => this.ask(worker, { type: 'mark' }, 'marked')));
  }

  async unmark(): Promise<void> {
    await Promise.all(this.workers.map((worker) => this.ask(worker, { type: 'unmark' }, 'unmarked')));
  }

  /** Deliveries recorded so far (since the last collect). */
  async count(): Promise<number> {
    const parts = await Promise.all(this.workers.map((worker) => this.ask<{ n: number }>(worker, { type: 'count' }, 'count')));
    return parts.reduce((sum, p) => sum + p.n, 0);
  }

  /** Wait until no delivery arrived for `quietMs`, or `capMs` passed. */
  async drain(quietMs: number, capMs: number): Promise<void> {
    const start = performance.now();
    let last = await this.count();
    let lastChange = performance.now();
    while (performance.now() - start < capMs && performance.now() - lastChange < quietMs) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const now = await this.count();
      if (now !== last) {
        last = now;
        lastChange = performance.now();
      }
    }
  }

  /** Every (card seq, latency ms) received since the last collect, and counters. */
  async collect(): Promise<Collected> {
    const parts = await Promise.all(this.workers.map((worker) => this.ask<Collected & { busy: number }>(worker, { type: 'collect' }, 'samples')));
    const total = parts.reduce((sum, p) => sum + p.seqs.length, 0);
    const seqs = new Uint32Array(total);
    const lats = new Float32Array(total);
    let at = 0;
    for (const p of parts) {
      seqs.set(p.seqs, at);
      lats.set(p.lats, at);
      at += p.seqs.length;
    }
    const stats: ObserverStats = { cardMessages: 0, awarenessMessages: 0, bytesIn: 0, closedEarly: 0 };
    for (const p of parts) for (const key of Object.keys(stats) as Array<keyof ObserverStats>) stats[key] += p.stats[key];
    return { seqs, lats, stats, busy: parts.map((p) => p.busy), perThread: parts.map((p) => p.seqs.length) };
  }

  /** Close every observer and end the threads. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => this.ask(worker, { type: 'close' }, 'closed').catch(() => undefined)));
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    this.workers = [];
  }
}
