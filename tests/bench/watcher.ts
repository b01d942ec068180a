import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { boardParts, patchCard, putCard } from '../../shared/board/model';
import { cardText, connectWriter, nowUs, type Target, type Writer } from './clients';
import { forEachMarker, STEP1_EMPTY, STEP2_EMPTY } from './protocol';

/** A protocol-level client in this thread that calls `onCard(seq)` for every relayed card marker. */
export function watchRoom(url: string, onCard: (seq: number) => void): Promise<{ close(): void }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('open', () => ws.send(STEP1_EMPTY));
    ws.on('message', (data: Buffer) => {
      if (data[0] !== 0) return;
      if (data[1] === 0) return void ws.send(STEP2_EMPTY);
      if (data[1] === 1) resolve({ close: () => ws.close() });
      if (data[1] === 2) forEachMarker(data, (seq) => onCard(seq));
    });
    ws.on('error', reject);
    ws.on('close', (code) => reject(new Error(`watcher closed (${code})`)));
  });
}

/**
 * Write `total` changes through `writers` (stock clients, full Y.Doc) as fast as the server
 * stores and relays them: each writer keeps at most `window` changes that the watcher (another
 * connection of the room) has not yet seen relayed. Returns changes/s.
 *
 * `mode: 'cards'` puts a new card per change; `'edits'` creates `cardsPerWriter` cards first and
 * then rewrites their text in turn (the document stays the same size, the history grows).
 * `batch` changes go in one transaction, so one update (default 1).
 */
export async function pump(
  target: Target,
  options: { writers: number; window: number; total?: number; seconds?: number; mode: 'cards' | 'edits'; cardsPerWriter?: number; batch?: number },
): Promise<{ done: number; perSecond: number; elapsedS: number }> {
  const writers = Array.from({ length: options.writers }, (_, i) => connectWriter(target, `書き手${i + 1}`, false));
  await Promise.all(writers.map((w) => w.synced));
  const cardIds = writers.map(() => [] as string[]);
  if (options.mode === 'edits') {
    for (const [i, writer] of writers.entries()) {
      writer.doc.transact(() => {
        for (let c = 0; c < (options.cardsPerWriter ?? 20); c++) {
          const id = randomUUID();
          cardIds[i].push(id);
          putCard(writer.doc, { id, kind: 'issue', text: 'はじめの文', authorId: randomUUID(), anonymous: true, createdAt: new Date().toISOString() });
        }
      });
    }
  }
  const outstanding = new Array<number>(writers.length).fill(0);
  const writerOf = new Map<number, number>();
  let seq = 0;
  let done = 0;
  let stopped = false;
  const start = performance.now();
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const limitReached = () => (options.total !== undefined && seq >= options.total) || (options.seconds !== undefined && performance.now() - start >= options.seconds * 1000);
  const send = (w: number) => {
    if (stopped || limitReached()) return;
    writers[w].doc.transact(() => {
      for (let b = 0; b < (options.batch ?? 1) && !limitReached(); b++) {
        const n = seq++;
        writerOf.set(n, w);
        outstanding[w]++;
        if (options.mode === 'cards') writers[w].writeCard(n);
        else patchCard(writers[w].doc, cardIds[w][n % cardIds[w].length], { text: cardText(n, nowUs()) });
      }
    });
  };
  const watcher = await watchRoom(`${target.wsBase}/${encodeURIComponent(target.room)}${target.observerTokens[0] ? `?token=${encodeURIComponent(target.observerTokens[0])}` : ''}`, (n) => {
    const w = writerOf.get(n);
    if (w === undefined) return;
    writerOf.delete(n);
    outstanding[w]--;
    done++;
    if (limitReached() && writerOf.size === 0) finish();
    else while (outstanding[w] < options.window && !limitReached()) send(w);
  });
  for (let w = 0; w < writers.length; w++) for (let k = 0; k < options.window; k++) send(w);
  const timer = setInterval(() => {
    if (limitReached() && (writerOf.size === 0 || performance.now() - start > ((options.seconds ?? 600) + 30) * 1000)) finish();
  }, 200);
  await finished;
  stopped = true;
  clearInterval(timer);
  const elapsedS = (performance.now() - start) / 1000;
  watcher.close();
  for (const w of writers) w.destroy();
  return { done, perSecond: done / elapsedS, elapsedS };
}

/**
 * A fresh client connects: it opens the board socket, sends sync step 1 with an empty state
 * vector (as a new stock client does) and applies the server's step 2 to an empty Y.Doc — the
 * work of a stock provider until its `sync` event, timed in two parts: the server's answer
 * (connect, authorise, load the room, encode) and the client's apply.
 */
export async function timeFreshSync(target: Pick<Target, 'wsBase' | 'room'>, token: string): Promise<{ ms: number; answerMs: number; bytes: number; cards: number }> {
  const start = performance.now();
  const ws = new WebSocket(`${target.wsBase}/${encodeURIComponent(target.room)}${token ? `?token=${encodeURIComponent(token)}` : ''}`, { perMessageDeflate: false });
  try {
    const step2 = await new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('fresh client did not sync within 120 s')), 120_000);
      ws.on('open', () => ws.send(STEP1_EMPTY));
      ws.on('message', (data: Buffer) => {
        if (data[0] !== 0 || data[1] !== 1) return;
        clearTimeout(timer);
        resolve(data);
      });
      ws.on('error', reject);
      ws.on('close', (code) => reject(new Error(`fresh client closed (${code})`)));
    });
    const answerMs = performance.now() - start;
    const decoder = decoding.createDecoder(step2);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
    const ms = performance.now() - start;
    const cards = boardParts(doc).cards.size;
    doc.destroy();
    return { ms, answerMs, bytes: step2.length, cards };
  } finally {
    ws.removeAllListeners('close');
    ws.on('error', () => undefined);
    ws.close();
  }
}
