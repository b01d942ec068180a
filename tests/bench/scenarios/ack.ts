import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { cardText, nowUs, pace, pool, roomUrl, type Target } from '../clients';
import { ObserverPool } from '../observers';
import { cpuSeconds, sleep } from '../procs';
import { summarize, type Summary } from '../stats';
import { connectControl, type ControlSocket, whenConnected } from '../../support/clients';

export interface AckOptions {
  clients: number;
  rate: number;
  warmupS: number;
  measureS: number;
  threads: number;
}

export interface AckResult {
  options: AckOptions;
  /** Ack latency; acks that never came or were not ok count as infinitely late. */
  ack: Summary;
  sentInWindow: number;
  /** Requests still without an ack 30 s after the last was sent. */
  unanswered: number;
  /** Acks that were not `{ ok: true }`, by error code. */
  failures: Record<string, number>;
  /** From emit to the card's arrival at the other phones' board connections. */
  fanout: Summary;
  serverCpu: number;
  loadAvg: number;
}

/**
 * Participants' `card:add` over socket.io, as phones send them: every one of `clients`
 * participants holds a socket.io connection and a board connection (a protocol-level observer
 * with presence); the cards come from all of them in turn at `rate` per second in total (each
 * phone writes a card every clients/rate seconds, well inside the per-socket request budget).
 */
export async function runAck(target: Target, options: AckOptions, log: (line: string) => void): Promise<AckResult> {
  const loadAvg = os.loadavg()[0];
  const sockets: ControlSocket[] = [];
  const observers = new ObserverPool(options.threads);
  try {
    const people = target.participants.slice(0, options.clients);
    await pool(people, 20, async (person) => {
      const socket = connectControl(target.server.url, person.token);
      sockets.push(socket);
      await whenConnected(socket);
    });
    await observers.connect(people.map((p) => roomUrl(target, p.token)));
    log(`    ${people.length} participants connected (socket.io + board); warm-up ${options.warmupS} s`);

    const acks: number[] = [];
    const failures: Record<string, number> = {};
    let measuring = false;
    let pending = 0;
    const send = (seq: number) => {
      const socket = sockets[seq % sockets.length];
      const sent = nowUs();
      const payload = { room: target.room, id: randomUUID(), kind: 'idea', text: cardText(seq, sent) };
      const counted = measuring;
      pending++;
      socket.emit('card:add', payload as never, ((res: { ok: boolean; error?: { code: string } }) => {
        pending--;
        if (!counted) return;
        if (res.ok) acks.push((nowUs() - sent) / 1000);
        else failures[res.error?.code ?? 'unknown'] = (failures[res.error?.code ?? 'unknown'] ?? 0) + 1;
      }) as never);
    };
    const pacer = pace(options.rate, send);
    await sleep(options.warmupS * 1000);
    measuring = true;
    const seqStart = pacer.sent();
    const cpu0 = cpuSeconds(target.server.pid);
    await sleep(options.measureS * 1000);
    measuring = false;
    const seqEnd = pacer.sent();
    const serverCpu = cpuSeconds(target.server.pid) - cpu0;
    pacer.stop();
    for (let waited = 0; pending > 0 && waited < 30_000; waited += 100) await sleep(100);
    await sleep(1000);
    const { seqs, lats } = await observers.collect();
    const fan: number[] = [];
    for (let i = 0; i < seqs.length; i++) if (seqs[i] >= seqStart && seqs[i] < seqEnd) fan.push(lats[i]);
    const sentInWindow = seqEnd - seqStart;
    return {
      options,
      ack: summarize(acks, sentInWindow),
      sentInWindow,
      unanswered: pending,
      failures,
      fanout: summarize(fan, sentInWindow * people.length),
      serverCpu,
      loadAvg,
    };
  } finally {
    await observers.close();
    for (const socket of sockets) socket.disconnect();
  }
}
