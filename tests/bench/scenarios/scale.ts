import fs from 'node:fs';
import pg from 'pg';
import { createClient } from 'redis';
import { createTestDatabase } from '../../support/postgres';
import { pool, prepareYoriai, type Target } from '../clients';
import { cpuSeconds, removeTempDir, type ServerProc, startYoriai, tempDir } from '../procs';
import { type CpuProbe, type FanoutOptions, type FanoutResult, runFanout } from './fanout';
import { type ManyRoomsOptions, type ManyRoomsResult, runManyRooms } from './many-rooms';

/** Where PostgreSQL and Redis are; the bench creates (and drops) a database of its own on that server. */
export interface ScaleServices {
  postgresUrl: string;
  redisUrl: string;
}

export interface ScaleOptions extends Omit<FanoutOptions, 'clients'> {
  /** Clients per run (writers included); every size runs on one process, then on two. */
  sizes: number[];
  /** The many-rooms workload, after the one-room runs, on one process and then on two. */
  rooms?: ManyRoomsOptions;
  /** How many rooms of that workload at once (its `rooms`), each count a run of its own; default its `rooms`. */
  roomCounts?: number[];
}

export interface ScaleRun {
  processes: number;
  result: FanoutResult;
}

export interface ScaleRoomsRun {
  processes: number;
  result: ManyRoomsResult;
}

export interface ScaleResult {
  runs: ScaleRun[];
  /** The many-rooms runs (empty when not asked for). */
  rooms: ScaleRoomsRun[];
  /** Versions and places of the services, for the record. */
  postgres: string;
  redis: string;
  /** Whether the PostgreSQL probe could read the server's processes (only when it runs on this machine). */
  postgresCpu: boolean;
}

const PROCESS_COUNTS = [1, 2];

/** The services the scale runs need, or why they cannot run (the run goes on without them). */
export async function findScaleServices(env: NodeJS.ProcessEnv): Promise<ScaleServices | { skipped: string }> {
  const postgresUrl = env.YORIAI_BENCH_POSTGRES_URL || env.YORIAI_TEST_POSTGRES_URL;
  const redisUrl = env.YORIAI_BENCH_REDIS_URL || env.YORIAI_TEST_REDIS_URL;
  const missing = [!postgresUrl && 'YORIAI_BENCH_POSTGRES_URL (or YORIAI_TEST_POSTGRES_URL)', !redisUrl && 'YORIAI_BENCH_REDIS_URL (or YORIAI_TEST_REDIS_URL)'].filter(Boolean);
  if (missing.length > 0) return { skipped: `${missing.join(' and ')} not set (\`bash .ci/services.sh\` starts both on loopback)` };
  try {
    const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    await client.end();
  } catch (error) {
    return { skipped: `PostgreSQL at ${withoutPassword(postgresUrl!)} not reachable: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    const client = createClient({ url: redisUrl, socket: { connectTimeout: 5000, reconnectStrategy: false } });
    client.on('error', () => undefined);
    await client.connect();
    await client.quit();
  } catch (error) {
    return { skipped: `Redis at ${redisUrl} not reachable: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { postgresUrl: postgresUrl!, redisUrl: redisUrl! };
}

/**
 * The fan-out workload of one room on one Yoriai process, then on two, both on PostgreSQL and
 * Redis, each configuration on a database of its own (created empty, dropped after). With two
 * processes writers and observers alternate between them, so half of every card's deliveries
 * go through Redis to the other process. Then, with `options.rooms`, the many-rooms workload
 * (see many-rooms.ts) on one process and on two, again each on a new database: on two, every
 * room's writers, readers and commanders are split between the processes.
 *
 * Yoriai's Redis channels have fixed names (`yoriai:room:<room>`, `yoriai:events`, socket.io's
 * adapter channels): the bench cannot give its processes a prefix of their own. Rooms are new
 * sessions' ids, so no one else's room traffic mixes in; other Yoriai processes on the same
 * Redis would see the bench's few domain events and the bench theirs.
 */
export async function runScale(services: ScaleServices, options: ScaleOptions, log: (line: string) => void): Promise<ScaleResult> {
  const probes = await serviceProbes(services);
  const runs: ScaleRun[] = [];
  const rooms: ScaleRoomsRun[] = [];
  try {
    for (const processes of PROCESS_COUNTS) {
      await onFreshCluster(services, processes, async (servers) => {
        for (const clients of options.sizes) {
          log(`  yoriai on PostgreSQL + Redis, ${processes} process${processes > 1 ? 'es' : ''}: ${clients} clients in one room`);
          const base = await prepareYoriai(servers[0], clients - options.writers, `${clients}人 ${processes}台`);
          const result = await runFanout(onEvery(servers, base), { ...options, clients }, log, probes.list);
          log(`    p50 ${result.latency.p50.toFixed(1)} ms, p99 ${result.latency.p99.toFixed(1)} ms; ${result.delivered}/${result.expected} delivered`);
          runs.push({ processes, result });
        }
      });
    }
    // Each count on one process and then on two, close in time, so both meet the machine's load alike.
    for (const count of options.rooms ? (options.roomCounts ?? [options.rooms.rooms]) : []) {
      for (const processes of PROCESS_COUNTS) {
        // A cluster per run: the rooms of a run before are not evicted (and compacted) in this one's window.
        await onFreshCluster(services, processes, async (servers) => {
          rooms.push({ processes, result: await manyRoomsOn(servers, { ...options.rooms!, rooms: count }, log, probes.list) });
        });
      }
    }
  } finally {
    await probes.close();
  }
  return { runs, rooms, postgres: probes.postgres, redis: probes.redis, postgresCpu: probes.list.some((p) => p.name === 'postgres') };
}

/** The many-rooms workload on these processes: sessions made on the first, each room's clients split between all. */
async function manyRoomsOn(servers: ServerProc[], o: ManyRoomsOptions, log: (line: string) => void, probes: CpuProbe[]): Promise<ManyRoomsResult> {
  log(`  yoriai on PostgreSQL + Redis, ${servers.length} process${servers.length > 1 ? 'es' : ''}: ${o.rooms} rooms × ${o.peoplePerRoom} people`);
  const bases = await pool(Array.from({ length: o.rooms }, (_, r) => r), 4, (r) => prepareYoriai(servers[0], o.peoplePerRoom - o.writersPerRoom, `部屋${r + 1} ${servers.length}台`));
  const result = await runManyRooms(bases.map((base) => onEvery(servers, base)), o, log, probes);
  log(`    fan-out p99 ${result.fanout.p99.toFixed(1)} ms, ack p99 ${result.ack?.p99.toFixed(1)} ms; ${result.delivered}/${result.expected} delivered`);
  return result;
}

/** `processes` Yoriai processes on a new database (dropped after) and the shared Redis, for `task`. */
async function onFreshCluster(services: ScaleServices, processes: number, task: (servers: ServerProc[]) => Promise<void>): Promise<void> {
  const db = await createTestDatabase(services.postgresUrl, 'yoriai_bench_');
  const dataDir = tempDir('yoriai-bench-scale-');
  const servers: ServerProc[] = [];
  try {
    // One after the other: the first runs the migrations.
    for (let i = 0; i < processes; i++) servers.push(await startYoriai(dataDir, undefined, { DATABASE_URL: db.url, REDIS_URL: services.redisUrl }));
    await task(servers);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    removeTempDir(dataDir);
    await db.drop();
  }
}

/** The same room (and tokens) as reached on each server. */
const onEvery = (servers: ServerProc[], base: Target): Target[] => servers.map((server) => ({ ...base, server, wsBase: `${server.url.replace(/^http/, 'ws')}/yjs` }));

const withoutPassword = (url: string) => {
  const u = new URL(url);
  u.password = '';
  return u.toString();
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * CPU probes for the services: Redis reports its own CPU time (INFO cpu); PostgreSQL's, when it
 * runs on this machine, is the sum over its processes (`postgres` in /proc; what a backend that
 * ends within the window used is missed). Both count everything those servers do, the bench's work or not.
 */
async function serviceProbes(services: ScaleServices) {
  const redis = createClient({ url: services.redisUrl });
  redis.on('error', () => undefined);
  await redis.connect();
  const info = async (section: string) => Object.fromEntries((await redis.info(section)).split(/\r?\n/).map((l) => l.split(':') as [string, string]));
  const version = (await info('server')).redis_version ?? '?';
  const list: CpuProbe[] = [
    {
      name: 'redis',
      async start() {
        const read = async () => {
          const cpu = await info('cpu');
          return Number(cpu.used_cpu_user) + Number(cpu.used_cpu_sys);
        };
        const before = await read();
        return async () => (await read()) - before;
      },
    },
  ];
  const client = new pg.Client({ connectionString: services.postgresUrl });
  await client.connect();
  const pgVersion = (await client.query<{ server_version: string }>('show server_version')).rows[0].server_version;
  await client.end();
  if (LOOPBACK.has(new URL(services.postgresUrl).hostname)) {
    list.push({
      name: 'postgres',
      async start() {
        const before = postgresCpu();
        return async () => [...postgresCpu()].reduce((sum, [pid, cpu]) => sum + cpu - (before.get(pid) ?? 0), 0);
      },
    });
  }
  return {
    list,
    postgres: `PostgreSQL ${pgVersion.split(' ')[0]} at ${new URL(services.postgresUrl).host}`,
    redis: `Redis ${version} at ${new URL(services.redisUrl).host}`,
    close: () => redis.quit().then(() => undefined, () => undefined),
  };
}

/** CPU seconds so far of every `postgres` process on this machine, by pid. */
function postgresCpu(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      cpu.set(Number(entry), cpuSeconds(Number(entry)));
    } catch {
      // the process ended meanwhile
    }
  }
  return cpu;
}
