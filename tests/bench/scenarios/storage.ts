import path from 'node:path';
import Database from 'better-sqlite3';
import { prepareReference, prepareYoriai, type Target } from '../clients';
import { type ServerProc, sleep, startYoriai, tempDir } from '../procs';
import { pump, timeFreshSync, watchRoom } from '../watcher';

export interface RestartResult {
  cards: number;
  buildPerSecond: number;
  /** Fresh client connect → synced on the first connection after each restart (the room is loaded from SQLite). */
  coldMs: number[];
  /** Of `coldMs`, until the server's sync step 2 arrived (the rest is the client applying it). */
  coldAnswerMs: number[];
  /** The same with the room already in memory (a second fresh client). */
  warmMs: number[];
  /** Size of the server's sync step 2. */
  bytes: number;
}

/** What the database held for a room when the server was down (read from outside). */
export interface StoredShape {
  logRows: number;
  snapshotBytes: number;
}

export interface SqliteResult {
  rooms: number;
  writersPerRoom: number;
  window: number;
  storedPerSecond: number;
  stored: number;
  seconds: number;
  small: { edits: number; killMs: number; termMs: number; atCrash: StoredShape; afterStop: StoredShape };
  large: { edits: number; requested: number; killMs: number; termMs: number; buildPerSecond: number; atCrash: StoredShape; afterStop: StoredShape };
}

/** Read the log length and snapshot size of rooms straight from the SQLite file (server stopped). */
function storedShape(dataDir: string, rooms: string[]): StoredShape[] {
  const db = new Database(path.join(dataDir, 'yoriai.sqlite'), { readonly: true });
  try {
    return rooms.map((room) => {
      const rows = db.prepare('select count(*) as n from doc_updates where room = ?').get(room) as { n: number };
      const snap = db.prepare('select length(data) as n from doc_snapshots where room = ?').get(room) as { n: number } | undefined;
      return { logRows: rows.n, snapshotBytes: snap?.n ?? 0 };
    });
  } finally {
    db.close();
  }
}

export interface StorageOptions {
  /** Row 5: a room of this many cards, and how many SIGTERM restarts to time it over. */
  cards: number;
  restarts: number;
  /** Row 7 (a): rooms × writers, edits in flight per writer, seconds. */
  rooms: number;
  writersPerRoom: number;
  window: number;
  seconds: number;
  /** Row 7 (b): edits of the small and the large room; the large one stops at `largeCapS`. */
  smallEdits: number;
  largeEdits: number;
  largeCapS: number;
}

const wsBase = (server: ServerProc) => server.url.replace(/^http/, 'ws') + '/yjs';

/**
 * Rows 5 and 7 on one data folder:
 * (a) sustained stored updates/s — `rooms` rooms, `writersPerRoom` facilitator clients each,
 *     every writer keeping `window` card edits in flight (Yoriai relays an update only after
 *     storing it, so a relayed update is a stored one);
 * (b) two rooms of the same 100 cards edited `smallEdits` and `largeEdits` times, and a room of
 *     `cards` cards built by a facilitator client (25 cards per update);
 * then the server is killed while a participant is still on the edited rooms (SIGKILL: a crash;
 * the log holds whatever the server did not compact while the rooms were in use) and started:
 * the edited rooms are loaded by a fresh client; then stopped with SIGTERM
 * (which compacts) and started `restarts` times: the card room (and once the edited rooms again).
 */
export async function runStorage(options: StorageOptions, log: (line: string) => void): Promise<{ restart: RestartResult; sqlite: SqliteResult }> {
  const dataDir = tempDir('yoriai-bench-storage-');
  let server = await startYoriai(dataDir);
  try {
    const targets: Target[] = [];
    for (let r = 0; r < options.rooms; r++) targets.push(await prepareYoriai(server, 1, `部屋${r + 1}`));
    const runs = await Promise.all(
      targets.map((t) => pump(t, { writers: options.writersPerRoom, window: options.window, seconds: options.seconds, mode: 'edits', cardsPerWriter: 10 })),
    );
    const stored = runs.reduce((sum, r) => sum + r.done, 0);
    const seconds = Math.max(...runs.map((r) => r.elapsedS));
    log(`    ${stored} updates stored in ${seconds.toFixed(1)} s over ${options.rooms} rooms`);

    const small = await prepareYoriai(server, 1, '編集・少');
    const large = await prepareYoriai(server, 1, '編集・多');
    // A participant stays on both rooms until the crash, as in a running session: the rooms are
    // never released, so whatever the log holds then is what the server compacts while in use.
    const holders = await Promise.all([small, large].map((t) => watchRoom(`${wsBase(server)}/${encodeURIComponent(t.room)}?token=${encodeURIComponent(t.observerTokens[0])}`, () => undefined)));
    await pump(small, { writers: 5, window: 8, total: options.smallEdits, mode: 'edits', cardsPerWriter: 20 });
    const big = await pump(large, { writers: 5, window: 8, total: options.largeEdits, seconds: options.largeCapS, mode: 'edits', cardsPerWriter: 20 });
    log(`    ${big.done} edits in one room at ${Math.round(big.perSecond)}/s`);
    const cardRoom = await prepareYoriai(server, 1, '再起動');
    const build = await pump(cardRoom, { writers: 1, window: 100, total: options.cards, mode: 'cards', batch: 25 });
    log(`    ${build.done} cards stored at ${Math.round(build.perSecond)} cards/s (25 per update)`);

    const loadEdited = async () => {
      const a = await timeFreshSync({ wsBase: wsBase(server), room: small.room }, small.observerTokens[0]);
      const b = await timeFreshSync({ wsBase: wsBase(server), room: large.room }, large.observerTokens[0]);
      if (a.cards !== 100 || b.cards !== 100) throw new Error(`edited rooms hold ${a.cards} and ${b.cards} cards, not 100`);
      return [a.ms, b.ms];
    };
    await server.stop('SIGKILL');
    for (const holder of holders) holder.close();
    const atCrash = storedShape(dataDir, [small.room, large.room]);
    server = await startYoriai(dataDir);
    const [smallKill, largeKill] = await loadEdited();
    let afterStop: StoredShape[] = [];

    const coldMs: number[] = [];
    const coldAnswerMs: number[] = [];
    const warmMs: number[] = [];
    let bytes = 0;
    let clean: number[] = [];
    for (let i = 0; i < options.restarts; i++) {
      await server.stop('SIGTERM');
      if (i === 0) afterStop = storedShape(dataDir, [small.room, large.room]);
      server = await startYoriai(dataDir);
      const { cold, warm } = await coldThenWarm(server, cardRoom, options.cards);
      coldMs.push(cold.ms);
      coldAnswerMs.push(cold.answerMs);
      bytes = cold.bytes;
      warmMs.push(warm.ms);
      if (i === 0) clean = await loadEdited();
    }
    return {
      restart: { cards: options.cards, buildPerSecond: build.perSecond, coldMs, coldAnswerMs, warmMs, bytes },
      sqlite: {
        rooms: options.rooms,
        writersPerRoom: options.writersPerRoom,
        window: options.window,
        storedPerSecond: stored / seconds,
        stored,
        seconds,
        small: { edits: options.smallEdits, killMs: smallKill, termMs: clean[0], atCrash: atCrash[0], afterStop: afterStop[0] },
        large: { edits: big.done, requested: options.largeEdits, killMs: largeKill, termMs: clean[1], buildPerSecond: big.perSecond, atCrash: atCrash[1], afterStop: afterStop[1] },
      },
    };
  } finally {
    await server.stop('SIGTERM');
  }
}

/** On a server just started: a fresh client on the (cold) card room, then a second one on the room now loaded. */
async function coldThenWarm(server: ServerProc, cardRoom: Target, cards: number) {
  await sleep(200);
  const target = { wsBase: wsBase(server), room: cardRoom.room };
  const cold = await timeFreshSync(target, cardRoom.observerTokens[0]);
  if (cold.cards !== cards) throw new Error(`restarted room holds ${cold.cards} cards, not ${cards}`);
  return { cold, warm: await timeFreshSync(target, cardRoom.observerTokens[0]) };
}

/**
 * Row 5 alone (`--only=cold`): a room of `cards` cards built by a facilitator client, then the
 * server stopped with SIGTERM and started `restarts` times, a fresh client first on each start.
 */
export async function runColdRestart(options: { cards: number; restarts: number }, log: (line: string) => void): Promise<RestartResult> {
  const dataDir = tempDir('yoriai-bench-cold-');
  let server = await startYoriai(dataDir);
  try {
    const cardRoom = await prepareYoriai(server, 1, '再起動');
    const build = await pump(cardRoom, { writers: 1, window: 100, total: options.cards, mode: 'cards', batch: 25 });
    log(`    ${build.done} cards stored at ${Math.round(build.perSecond)} cards/s (25 per update)`);
    const result: RestartResult = { cards: options.cards, buildPerSecond: build.perSecond, coldMs: [], coldAnswerMs: [], warmMs: [], bytes: 0 };
    for (let i = 0; i < options.restarts; i++) {
      await server.stop('SIGTERM');
      server = await startYoriai(dataDir);
      const { cold, warm } = await coldThenWarm(server, cardRoom, options.cards);
      result.coldMs.push(cold.ms);
      result.coldAnswerMs.push(cold.answerMs);
      result.warmMs.push(warm.ms);
      result.bytes = cold.bytes;
      log(`    restart ${i + 1}: answer ${cold.answerMs.toFixed(1)} ms, synced ${cold.ms.toFixed(1)} ms; warm ${warm.ms.toFixed(1)} ms`);
    }
    return result;
  } finally {
    await server.stop('SIGTERM');
  }
}

/** The reference: the same cards written into a room it holds in memory; fresh clients connect. */
export async function runReferenceSync(server: ServerProc, cards: number, repeats: number): Promise<{ ms: number[]; answerMs: number[] }> {
  const target = prepareReference(server, 1);
  await pump(target, { writers: 1, window: 100, total: cards, mode: 'cards', batch: 25 });
  const ms: number[] = [];
  const answerMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const fresh = await timeFreshSync(target, '');
    if (fresh.cards !== cards) throw new Error(`reference room holds ${fresh.cards} cards, not ${cards}`);
    ms.push(fresh.ms);
    answerMs.push(fresh.answerMs);
  }
  return { ms, answerMs };
}
