/**
 * Protocol-level observers, run in a worker thread: raw `ws` clients that speak the y-websocket
 * handshake (sync step 1 with an empty state vector; the server's step 1 is answered with an
 * empty step 2; nothing else is answered), keep no Y.Doc, and find each card's sequence number
 * and send time by searching the update's bytes for the `[b:<seq>:<µs>]` marker in its text.
 * Each observer holds presence like a y-protocols client: its own awareness state (~100 bytes),
 * renewed every 15 s with an increasing clock, the first renewal at a random point of the first
 * 15 s (people join a room over time, so renewals are spread, not in one burst).
 */
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import WebSocket from 'ws';
import { awarenessMessage, forEachMarker, STEP1_EMPTY, STEP2_EMPTY } from './protocol';

const RENEW_MS = 15_000;

function nowUs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e6 + ns / 1e3;
}

class Samples {
  seqs = new Uint32Array(1 << 16);
  lats = new Float32Array(1 << 16);
  n = 0;
  push(seq: number, latMs: number) {
    if (this.n === this.seqs.length) {
      const seqs = new Uint32Array(this.n * 2);
      seqs.set(this.seqs);
      const lats = new Float32Array(this.n * 2);
      lats.set(this.lats);
      this.seqs = seqs;
      this.lats = lats;
    }
    this.seqs[this.n] = seq;
    this.lats[this.n++] = latMs;
  }
}

let samples = new Samples();
const stats = { cardMessages: 0, awarenessMessages: 0, bytesIn: 0, closedEarly: 0 };
const sockets: WebSocket[] = [];
const timers: NodeJS.Timeout[] = [];

function onFrame(data: Buffer, ws: WebSocket, synced: () => void): void {
  const received = nowUs();
  stats.bytesIn += data.length;
  if (data[0] === 1) {
    stats.awarenessMessages++;
    return;
  }
  if (data[0] !== 0) return;
  if (data[1] === 0) {
    ws.send(STEP2_EMPTY);
    return;
  }
  if (data[1] === 1) synced();
  // Cards already there at sync time (step 2) are not deliveries.
  if (data[1] !== 2) return;
  if (forEachMarker(data, (seq, sent) => samples.push(seq, (received - sent) / 1000)) > 0) stats.cardMessages++;
}

function open(url: string, index: number, presence: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    sockets.push(ws);
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), 30_000);
    ws.on('open', () => {
      ws.send(STEP1_EMPTY);
      if (!presence) return;
      const clientId = 1 + Math.floor(Math.random() * 0x7ffffffe);
      let clock = 0;
      const state = JSON.stringify({ user: { name: `観察者${index + 1}`, color: '#2e7d32' }, cursor: { x: 120 + index, y: 340 }, view: 'board' });
      const renew = () => ws.readyState === ws.OPEN && ws.send(awarenessMessage(clientId, ++clock, state));
      renew();
      timers.push(
        setTimeout(() => {
          renew();
          timers.push(setInterval(renew, RENEW_MS));
        }, Math.random() * RENEW_MS),
      );
    });
    ws.on('message', (data: Buffer) =>
      onFrame(data, ws, () => {
        clearTimeout(timer);
        finish(true);
      }),
    );
    ws.on('close', () => {
      if (!done) finish(false);
      else if (!closing) stats.closedEarly++;
    });
    ws.on('error', () => finish(false));
  });
}

let closing = false;
let elu = performance.eventLoopUtilization();
let busy = NaN;

parentPort!.on('message', async (msg: { type: string; urls?: string[]; presence?: boolean; offset?: number }) => {
  if (msg.type === 'connect') {
    const urls = msg.urls!;
    let failed = 0;
    for (let i = 0; i < urls.length; i += 50) {
      const batch = urls.slice(i, i + 50).map((url, j) => open(url, (msg.offset ?? 0) + i + j, msg.presence ?? true));
      failed += (await Promise.all(batch)).filter((ok) => !ok).length;
    }
    parentPort!.postMessage({ type: 'connected', failed });
  } else if (msg.type === 'mark') {
    elu = performance.eventLoopUtilization();
    parentPort!.postMessage({ type: 'marked' });
  } else if (msg.type === 'unmark') {
    busy = performance.eventLoopUtilization(elu).utilization;
    parentPort!.postMessage({ type: 'unmarked' });
  } else if (msg.type === 'count') {
    parentPort!.postMessage({ type: 'count', n: samples.n });
  } else if (msg.type === 'collect') {
    const { seqs, lats, n } = samples;
    const out = { type: 'samples', seqs: seqs.slice(0, n), lats: lats.slice(0, n), stats: { ...stats }, busy };
    samples = new Samples();
    parentPort!.postMessage(out, [out.seqs.buffer, out.lats.buffer]);
  } else if (msg.type === 'close') {
    closing = true;
    for (const t of timers) clearTimeout(t);
    await Promise.all(
      sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === ws.CLOSED) return resolve();
            ws.once('close', () => resolve());
            ws.close();
            setTimeout(() => {
              ws.terminate();
              resolve();
            }, 3000);
          }),
      ),
    );
    parentPort!.postMessage({ type: 'closed' });
  }
});
