import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { ADMIN } from './server';

const root = path.resolve(import.meta.dirname, '../..');

/** Yoriai started as a separate process (`node --import tsx server/main.ts`), for kill -9 tests. */
export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** Resolves with the exit code or signal when the process ends. */
  exited: Promise<number | string | null>;
  /** Everything the process wrote to stdout so far (its pino log lines, one JSON object a line). */
  stdout(): string;
}

/** Start the server as a child process on an ephemeral port and wait until it listens. */
export function startChildServer(dataDir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      YORIAI_ADMIN_EMAIL: ADMIN.email,
      YORIAI_ADMIN_PASSWORD: ADMIN.password,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /YORIAI_LISTENING (\S+)/.exec(out);
      if (match) resolve({ url: match[1], process: child, exited, stdout: () => out });
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    void exited.then((code) => reject(new Error(`server exited (${String(code)}) before listening: ${err}`)));
  });
}
