/**
 * `npm run bench` — Yoriai against the reference y-websocket server (@y/websocket-server 0.1.1),
 * one after the other on this machine, with real protocol clients over loopback.
 *
 *   npm run bench                     full run (~12 min), writes docs/benchmarks.md and docs/scaling.md
 *   npm run bench -- --quick          smoke check with small numbers (~2 min); prints only (add --write to write)
 *   npm run bench -- --only=fanout,ack,storage,browser,scale
 *   npm run bench -- --only=cold      the cold-room row alone (part of `storage` otherwise)
 *   npm run bench -- --only=rooms,day many rooms on one process (with the reference), a day of rooms
 *   npm run bench -- --only=suggestions  precision and recall of the Japanese group suggestions
 *   npm run bench -- --no-write       full run without touching the docs
 *   npm run bench -- --only=scale     one room, then many rooms (the `rooms` workload), each on one and on two
 *                                     Yoriai processes over PostgreSQL + Redis; writes docs/scaling.md (~5 min;
 *                                     with --quick ~1 min, 3 rooms × 10 people)
 * `scale` runs when it finds both services:
 * YORIAI_BENCH_POSTGRES_URL / YORIAI_BENCH_REDIS_URL, else YORIAI_TEST_POSTGRES_URL /
 * YORIAI_TEST_REDIS_URL; without them it says so and the run goes on. On two processes every
 * room's clients are split between them, so half of its deliveries cross Redis.
 * Environment: BENCH_QUICK=1 (same as --quick), BENCH_THREADS (observer threads, default 2),
 * BENCH_VERBOSE=1 (servers' stderr), CHROMIUM_PATH (default /usr/bin/chromium).
 */
import os from 'node:os';
import { pool, prepareReference, prepareYoriai, type Target } from './clients';
import { cleanupAll, rssMiB, type ServerProc, sleep, startReference, startYoriai, tempDir } from './procs';
import { describeMachine, notes, table, writeDoc } from './report';
import { buildRows, type MemoryResult, type Results } from './rows';
import { scaleSection, writeScaleDoc } from './scale-report';
import { runAck } from './scenarios/ack';
import { buildClient, launch, runFacilitatorBoard, runPhone } from './scenarios/browser';
import { type FanoutOptions, runFanout } from './scenarios/fanout';
import { findScaleServices, runScale, type ScaleResult } from './scenarios/scale';
import { type RestartResult, runColdRestart, runReferenceSync, runStorage } from './scenarios/storage';
import { type ManyRoomsOptions, runManyRooms } from './scenarios/many-rooms';
import { runDayOfRooms } from './scenarios/rooms';
import { runSuggestions } from './scenarios/suggestions';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const write = quick ? argv.includes('--write') : !argv.includes('--no-write');
const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const threads = Number(process.env.BENCH_THREADS ?? 2);
const wants = (group: string) => !only || only.includes(group);

const config = quick
  ? {
      fan500: { clients: 50, writers: 10, rate: 100, warmupS: 1, measureS: 4, presence: true, threads, drainS: 3 },
      fan200: { clients: 30, writers: 10, rate: 100, warmupS: 1, measureS: 2, presence: true, threads, drainS: 3 },
      ack: { clients: 30, rate: 20, warmupS: 1, measureS: 2, threads },
      memoryWaitS: 2,
      storage: { cards: 500, restarts: 1, rooms: 2, writersPerRoom: 3, window: 8, seconds: 1, smallEdits: 100, largeEdits: 500, largeCapS: 2 },
      board: { cards: 100, newCards: 1 },
      rooms: { rooms: 3, peoplePerRoom: 10, writersPerRoom: 2, cardEveryS: 3, commandersPerRoom: 1, warmupS: 1, measureS: 3, threads, drainS: 3 },
      day: { sessions: 10, cardsPerSession: 20, reopen: 5, settleS: 5 },
      scale: { sizes: [30, 60], roomCounts: [3], writers: 10, rate: 100, warmupS: 1, measureS: 3, presence: true, threads, drainS: 3 },
    }
  : {
      fan500: { clients: 500, writers: 20, rate: 100, warmupS: 5, measureS: 30, presence: true, threads, drainS: 30 },
      fan200: { clients: 200, writers: 20, rate: 100, warmupS: 5, measureS: 20, presence: true, threads, drainS: 30 },
      ack: { clients: 200, rate: 100, warmupS: 5, measureS: 20, threads },
      memoryWaitS: 60,
      storage: { cards: 5000, restarts: 3, rooms: 4, writersPerRoom: 5, window: 8, seconds: 15, smallEdits: 1000, largeEdits: 100_000, largeCapS: 45 },
      board: { cards: 1000, newCards: 10 },
      rooms: { rooms: 30, peoplePerRoom: 60, writersPerRoom: 2, cardEveryS: 3, commandersPerRoom: 2, warmupS: 5, measureS: 20, threads, drainS: 20 },
      day: { sessions: 200, cardsPerSession: 30, reopen: 30, settleS: 60 },
      scale: { sizes: [200, 400], roomCounts: [10, 30], writers: 20, rate: 100, warmupS: 5, measureS: 15, presence: true, threads, drainS: 20 },
    };
/** The groups whose rows make docs/benchmarks.md; `scale` writes docs/scaling.md. */
const BENCHMARK_GROUPS = ['fanout', 'ack', 'storage', 'cold', 'rooms', 'day', 'browser', 'suggestions'];

const started = performance.now();
const log = (line: string) => process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
const results: Results = { errors: {}, loads: {} };

/** Run one group; a failure is recorded in its rows and the run goes on. */
async function step(group: string, task: () => Promise<void>): Promise<void> {
  if (!wants(group)) return;
  results.loads[group] ??= os.loadavg()[0];
  try {
    await task();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    results.errors[group] = message.split('\n')[0];
    log(`  ${group} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
  }
}

/** Row 1, 4 and 6 on one server: idle RSS, 500 clients, a minute empty. */
async function fanoutOn(kind: 'yoriai' | 'reference', server: ServerProc, targets: { big: Target }) {
  await sleep(2000);
  const idle = rssMiB(server.pid);
  log(`  ${kind}: ${config.fan500.clients} clients`);
  const big = await runFanout(targets.big, config.fan500 as FanoutOptions, log);
  log(`    p50 ${big.latency.p50.toFixed(1)} ms, p99 ${big.latency.p99.toFixed(1)} ms; waiting ${config.memoryWaitS} s with no client`);
  await sleep(config.memoryWaitS * 1000);
  const memory: MemoryResult = { idle, busy: big.rssBusyMiB, after: rssMiB(server.pid), waitS: config.memoryWaitS };
  return { big, memory };
}

/**
 * Row 2, made robust: both servers up, `runs` alternating runs of the 200-client load (Yoriai,
 * then the reference, and again), each Yoriai run on a session of its own and each reference
 * run on a room of its own, so the machine's load falls on both alike.
 */
async function alternating200(runs: number) {
  const options = config.fan200 as FanoutOptions;
  const observers = options.clients - options.writers;
  const yoriai = await startYoriai(tempDir('yoriai-bench-200-'));
  const reference = await startReference();
  try {
    const sessions: Target[] = [];
    for (let i = 0; i < runs; i++) sessions.push(await prepareYoriai(yoriai, observers, `200人${i + 1}`));
    const pairs = [];
    for (let i = 0; i < runs; i++) {
      log(`  ${options.clients} clients, run ${i + 1} of ${runs}: yoriai`);
      const y = await runFanout(sessions[i], options, log);
      log(`    p99 ${y.latency.p99.toFixed(1)} ms; reference`);
      const r = await runFanout(prepareReference(reference, observers), options, log);
      log(`    p99 ${r.latency.p99.toFixed(1)} ms`);
      pairs.push({ yoriai: y, reference: r });
    }
    return pairs;
  } finally {
    await yoriai.stop();
    await reference.stop();
  }
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg();
  log(`${quick ? 'quick' : 'full'} run; load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`);

  let yoriaiFan: Awaited<ReturnType<typeof fanoutOn>> | undefined;
  await step('fanout', async () => {
    const server = await startYoriai(tempDir('yoriai-bench-'));
    try {
      const observers = (o: { clients: number; writers: number }) => o.clients - o.writers;
      const big = await prepareYoriai(server, observers(config.fan500), '500人');
      yoriaiFan = await fanoutOn('yoriai', server, { big });
    } finally {
      await server.stop();
    }
  });
  await step('ack', async () => {
    const server = await startYoriai(tempDir('yoriai-bench-ack-'));
    try {
      const target = await prepareYoriai(server, config.ack.clients, 'カード追加');
      log(`  yoriai: card:add, ${config.ack.clients} clients`);
      results.ack = await runAck(target, config.ack, log);
      log(`    ack p50 ${results.ack.ack.p50.toFixed(1)} ms, p99 ${results.ack.ack.p99.toFixed(1)} ms`);
    } finally {
      await server.stop();
    }
  });
  let yoriaiRestart: RestartResult | undefined;
  await step('storage', async () => {
    log(`  yoriai: SQLite, and restarts with a ${config.storage.cards}-card room`);
    const storage = await runStorage(config.storage, log);
    results.sqlite = storage.sqlite;
    yoriaiRestart = storage.restart;
  });
  // The cold-room row alone, when `storage` (which includes it) is not run.
  if (!wants('storage')) {
    await step('cold', async () => {
      log(`  yoriai: restarts with a ${config.storage.cards}-card room`);
      yoriaiRestart = await runColdRestart(config.storage, log);
    });
  }
  await step('browser', async () => {
    const clientDir = buildClient(log);
    const server = await startYoriai(tempDir('yoriai-bench-browser-'), clientDir);
    const browser = await launch();
    try {
      log('  yoriai: participant page on Fast 3G');
      results.phone = await runPhone(browser, server);
      log(`  yoriai: facilitator board with ${config.board.cards} cards`);
      results.board = { ...(await runFacilitatorBoard(browser, server, config.board.cards, config.board.newCards)), cards: config.board.cards };
    } finally {
      await browser.close();
      await server.stop();
    }
  });

  await step('fanout', async () => {
    if (!yoriaiFan) return;
    const server = await startReference();
    try {
      const ref = await fanoutOn('reference', server, { big: prepareReference(server, config.fan500.clients - config.fan500.writers) });
      results.fan500 = { yoriai: yoriaiFan.big, reference: ref.big };
      results.memory = { yoriai: yoriaiFan.memory, reference: ref.memory };
    } finally {
      await server.stop();
    }
  });
  await step('fanout', async () => {
    results.fan200 = await alternating200(3);
  });
  await step(wants('storage') ? 'storage' : 'cold', async () => {
    if (!yoriaiRestart) return;
    const server = await startReference();
    try {
      log(`  reference: fresh client on a ${config.storage.cards}-card room in memory`);
      const ref = await runReferenceSync(server, config.storage.cards, Math.max(3, config.storage.restarts));
      results.restart = { yoriai: yoriaiRestart, reference: ref };
    } finally {
      await server.stop();
    }
  });

  await step('suggestions', async () => {
    log('  yoriai: group suggestions over the labelled cards');
    results.suggestions = await runSuggestions();
    log(`    precision ${results.suggestions.chosen.precision.toFixed(2)}, recall ${results.suggestions.chosen.recall.toFixed(2)}`);
  });

  await step('rooms', async () => {
    const o = config.rooms as ManyRoomsOptions;
    const rooms = Array.from({ length: o.rooms }, (_, r) => r);
    /** The many-rooms load on a fresh Yoriai process started with `env`. */
    const yoriaiRooms = async (label: string, dir: string, env: Record<string, string> = {}) => {
      const server = await startYoriai(tempDir(dir), undefined, env);
      try {
        const targets = await pool(rooms, 4, (r) => prepareYoriai(server, o.peoplePerRoom - o.writersPerRoom, `部屋${r + 1}`));
        log(`  ${label}: ${o.rooms} rooms × ${o.peoplePerRoom} people`);
        const result = await runManyRooms(targets, o, log);
        log(`    fan-out p99 ${result.fanout.p99.toFixed(1)} ms, ack p99 ${result.ack?.p99.toFixed(1)} ms, RSS ${Math.round(result.rssBusyMiB)} MiB`);
        return result;
      } finally {
        await server.stop();
      }
    };
    const yoriai = await yoriaiRooms('yoriai', 'yoriai-bench-rooms-');
    // The same load with commits on the event loop: what the worker thread's hop costs when the
    // harness and the server share these two cores.
    results.manyRoomsLoop = await yoriaiRooms('yoriai, commits on the event loop', 'yoriai-bench-rooms-loop-', { YORIAI_SQLITE_COMMITS: 'loop' });
    const ref = await startReference();
    try {
      log(`  reference: ${o.rooms} rooms × ${o.peoplePerRoom} people`);
      const reference = await runManyRooms(rooms.map(() => prepareReference(ref, o.peoplePerRoom - o.writersPerRoom)), { ...o, commandersPerRoom: 0 }, log);
      log(`    fan-out p99 ${reference.fanout.p99.toFixed(1)} ms, RSS ${Math.round(reference.rssBusyMiB)} MiB`);
      results.manyRooms = { yoriai, reference };
    } finally {
      await ref.stop();
    }
  });
  await step('day', async () => {
    const server = await startYoriai(tempDir('yoriai-bench-day-'));
    try {
      log(`  yoriai: a day of ${config.day.sessions} rooms, ${config.day.reopen} reopened at once`);
      results.day = await runDayOfRooms(server, (title) => prepareYoriai(server, 1, title), config.day, log);
      log(`    slowest reopen ${Math.max(...results.day.reopenMs).toFixed(1)} ms; RSS ${Math.round(results.day.idleMiB)} → ${Math.round(results.day.afterMiB)} MiB`);
    } finally {
      await server.stop();
    }
  });

  let scale: ScaleResult | { skipped: string } | undefined;
  await step('scale', async () => {
    const services = await findScaleServices(process.env);
    if ('skipped' in services) {
      scale = services;
      log(`  scale skipped: ${services.skipped}`);
      return;
    }
    scale = await runScale(services, { ...config.scale, rooms: config.rooms as ManyRoomsOptions }, log);
  });

  const mode = `${quick ? '`--quick`' : 'full'}${only ? `, only ${only.join(', ')}` : ''}; total ${((performance.now() - started) / 1000).toFixed(0)} s; observers in ${threads} worker threads of the harness process`;
  if (BENCHMARK_GROUPS.some(wants)) {
    const rows = buildRows(results, quick);
    const generated = [
      `## ${quick ? 'Quick run (smoke check, small numbers)' : 'Latest run'}`,
      '',
      ...describeMachine(loadAtStart),
      `- Mode: ${mode}`,
      '',
      table(rows),
      '',
      '### How each line was measured',
      '',
      notes(rows),
    ].join('\n');
    process.stdout.write(`\n${generated}\n`);
    if (write) log(`written to ${writeDoc(generated)}`);
    else log('docs/benchmarks.md not written (quick mode: pass --write; full mode: drop --no-write)');
  }
  if (wants('scale')) reportScale(scale, loadAtStart, mode);
  if (Object.keys(results.errors).length > 0) process.exitCode = 1;
}

/** Print the scale runs (or why they did not run) and write them into docs/scaling.md. */
function reportScale(scale: ScaleResult | { skipped: string } | undefined, loadAtStart: number[], mode: string): void {
  if (!scale) {
    process.stdout.write(`\n## Capacity: one and two processes on PostgreSQL + Redis\n\nfailed: ${results.errors.scale ?? 'unknown error'}\n`);
    return;
  }
  if ('skipped' in scale) {
    process.stdout.write(`\n## Capacity: one and two processes on PostgreSQL + Redis\n\nskipped: ${scale.skipped}\n`);
    log('docs/scaling.md not written (the scale runs were skipped)');
    return;
  }
  const command = `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`;
  const generated = scaleSection(scale, { machine: describeMachine(loadAtStart), command, mode });
  process.stdout.write(`\n## Capacity: one and two processes on PostgreSQL + Redis\n\n${generated}\n`);
  if (write && scale.runs.length > 0) log(`written to ${writeScaleDoc(generated)}`);
  else log('docs/scaling.md not written (quick mode: pass --write; full mode: drop --no-write)');
}

// WebsocketProvider adds a process 'exit' listener per client.
process.setMaxListeners(0);
process.on('exit', cleanupAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    cleanupAll();
    process.exit(130);
  });
}
main()
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    cleanupAll();
    // Stray sockets or timers of a failed client must not keep the process alive.
    setTimeout(() => process.exit(), 500).unref();
  });
