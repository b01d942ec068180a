import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ADMIN } from '../support/server';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** A server under test, run as its own process so its CPU time and RSS can be read from /proc. */
export interface ServerProc {
  kind: 'yoriai' | 'reference';
  /** http://127.0.0.1:<port> */
  url: string;
  pid: number;
  child: ChildProcess;
  exited: Promise<number | string | null>;
  /** Stop with a signal and wait for the process to end (SIGKILL after 15 s). */
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** A temp folder removed when the run ends, however it ends. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** Kill every child still running and remove every temp folder (synchronous: safe in 'exit'). */
export function cleanupAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  children.clear();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

function track(child: ChildProcess, kind: ServerProc['kind'], url: string): ServerProc {
  const exited = new Promise<number | string | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode ?? child.exitCode);
    else child.once('exit', (code, signal) => resolve(signal ?? code));
  });
  void exited.then(() => children.delete(child));
  return {
    kind,
    url,
    pid: child.pid!,
    child,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** Spawn a process and wait for a line on stdout that gives its URL. */
function spawnUntil(args: string[], env: Record<string, string>, pattern: RegExp, kind: ServerProc['kind'], fixedUrl?: string): Promise<ServerProc> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    let done = false;
    const timer = setTimeout(() => fail(new Error(`${kind} did not start within 60 s: ${err}`)), 60_000);
    const fail = (error: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      if (done) return;
      out += chunk.toString();
      const match = pattern.exec(out);
      if (!match) return;
      done = true;
      clearTimeout(timer);
      resolve(track(child, kind, fixedUrl ?? match[1]));
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-4000);
      if (process.env.BENCH_VERBOSE) process.stderr.write(`[${kind}] ${chunk.toString()}`);
    });
    child.once('exit', (code, signal) => fail(new Error(`${kind} exited (${signal ?? code}) before listening: ${err}`)));
  });
}

/**
 * Yoriai as in production: `node --import tsx server/main.ts` on an ephemeral port. With
 * `clientDir`, tests/bench/server-entry.ts instead: the same app serving that built client.
 * `env` adds settings (DATABASE_URL, REDIS_URL).
 */
export function startYoriai(dataDir: string, clientDir?: string, env: Record<string, string> = {}): Promise<ServerProc> {
  return spawnUntil(
    [...nodeArgs(), '--import', 'tsx', clientDir ? 'tests/bench/server-entry.ts' : 'server/main.ts'],
    {
      ...env,
      ...(clientDir ? { BENCH_CLIENT_DIR: clientDir } : {}),
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      YORIAI_ADMIN_EMAIL: ADMIN.email,
      YORIAI_ADMIN_PASSWORD: ADMIN.password,
    },
    /YORIAI_LISTENING (\S+)/,
    'yoriai',
  );
}

/** BENCH_NODE_ARGS: extra node flags for the servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
function nodeArgs(): string[] {
  return process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
}

/** A port nobody listens on now (the reference server cannot listen on port 0 and say which). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The reference server of @y/websocket-server 0.1.1 (in memory, no persistence, no auth). */
export async function startReference(): Promise<ServerProc> {
  const port = await freePort();
  const script = path.join(ROOT, 'node_modules/@y/websocket-server/src/server.js');
  // BENCH_NODE_ARGS applies to the reference too, so both servers can be profiled the same way.
  return spawnUntil([...nodeArgs(), script], { HOST: '127.0.0.1', PORT: String(port) }, /running at/, 'reference', `http://127.0.0.1:${port}`);
}

const CLOCK_TICKS = 100; // _SC_CLK_TCK on Linux

/** CPU seconds (user + system, all threads) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / CLOCK_TICKS;
}

/** Resident set size in MiB. */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : NaN;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
