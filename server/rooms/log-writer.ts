import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** Writes board logs off the event loop. */
export interface LogWriter {
  /** Appends updates; resolves with their log ids once committed (durable). */
  append(items: ReadonlyArray<{ room: string; update: Uint8Array }>, createdAt: string): Promise<number[]>;
  /** Replaces a room's snapshot and drops the log rows up to `lastUpdateId`, after every append posted before it. */
  snapshot(room: string, data: Uint8Array, lastUpdateId: number, updatedAt: string): Promise<void>;
  /** Finish the commit in flight and end the thread. */
  close(): Promise<void>;
}

/** The error a failed commit in the worker is reported with (SQLITE_FULL, SQLITE_READONLY, …). */
export class LogWriteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

// Workers do not inherit tsx's loader: register it in the thread, then load the entry. Both are
// given as absolute URLs, so the thread starts whatever the server's working directory.
const BOOT = `const { workerData } = require('node:worker_threads'); import(workerData.tsx).then(({ register }) => { register(); return import(workerData.entry); })`;
const ENTRY = new URL('../../db/repositories/doc-log.worker.ts', import.meta.url).href;
const TSX = resolveTsx();

/** tsx's ESM register API as an absolute URL (import.meta.resolve is missing under some test runners: then the bare name). */
function resolveTsx(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return 'tsx/esm/api';
  }
}

type Pending = { resolve(ids: number[]): void; reject(error: unknown): void };

/**
 * A worker thread with its own connection to the SQLite file (db/repositories/doc-log.worker.ts).
 * The main connection's max_page_count is passed with every commit, so a size limit set on the
 * database holds for the log too. If the thread dies, its commits in flight fail (their writes
 * were never acknowledged) and the next append starts a new one.
 */
export function createSqliteLogWriter(file: string, main: Database.Database): LogWriter {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const sizeLimit = main.prepare('pragma max_page_count').pluck();

  const failAll = (error: unknown) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    const w = new Worker(BOOT, { eval: true, workerData: { entry: ENTRY, tsx: TSX, file } });
    // A commit in flight holds no acknowledged write, so the thread need not keep the process up.
    w.unref();
    w.on('message', (reply: { id: number; ids?: number[]; error?: { message: string; code?: string } }) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.ids) p.resolve(reply.ids);
      else p.reject(new LogWriteError(reply.error?.message ?? 'append failed', reply.error?.code));
    });
    const gone = (error: unknown) => {
      if (worker === w) worker = null;
      failAll(error instanceof Error ? error : new LogWriteError('the log writer stopped', undefined));
    };
    w.on('error', gone);
    w.on('exit', gone);
    return w;
  };

  // Started now, not on the first write: booting the thread (tsx included) takes a second or so,
  // which the first card of the day, or the first room's eviction, would otherwise wait for.
  worker = start();

  /** Post one message; resolves with the reply's ids. */
  const post = (message: Record<string, unknown>): Promise<number[]> => {
    worker ??= start();
    const id = nextId++;
    const maxPageCount = sizeLimit.get() as number;
    return new Promise<number[]>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker!.postMessage({ ...message, id, maxPageCount });
    });
  };

  return {
    append: (items, createdAt) => post({ items: items.map(({ room, update }) => ({ room, update })), createdAt }),
    snapshot: async (room, data, lastUpdateId, updatedAt) => {
      await post({ snapshot: { room, data, lastUpdateId, updatedAt } });
    },
    async close() {
      const w = worker;
      worker = null;
      if (!w) return;
      // Messages are handled in order: every commit posted before this one is answered first.
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.ref();
      w.postMessage({ close: true });
      await exited;
    },
  };
}
