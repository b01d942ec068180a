import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { startChildServer } from '../support/child-server';
import { connectBoard, whenSynced } from '../support/clients';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

describe('the server process', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });
  async function tempDir() {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'yoriai-proc-'));
    cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
    return dir;
  }

  it('closes its sockets and exits cleanly within 10 s of SIGTERM', async () => {
    const dataDir = await tempDir();
    const server = await startChildServer(dataDir);
    cleanups.push(() => server.process.kill('SIGKILL'));
    const { session } = await createSessionAsAdmin(server.url);
    const p = await joinAs(server.url, session.joinCode, '田中');
    const board = connectBoard(server.url, p.boards[0].room, p.token);
    cleanups.push(() => board.destroy());
    await whenSynced(board.provider);
    const closeCode = new Promise<number>((resolve) => board.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? -1)));
    const started = Date.now();
    server.process.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await closeCode).toBe(1001);
  });

  it('backs up the live database with npm run backup', async () => {
    const dataDir = await tempDir();
    const server = await startChildServer(dataDir);
    cleanups.push(() => server.process.kill('SIGKILL'));
    const { session } = await createSessionAsAdmin(server.url, 'バックアップ確認');
    const target = path.join(dataDir, 'copy', 'backup.sqlite');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/backup.ts', target], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir },
    });
    expect(stdout).toMatch(/backed up \d+ pages/);
    const copy = new Database(target, { readonly: true });
    cleanups.push(() => copy.close());
    expect(copy.prepare('select title from sessions where id = ?').get(session.id)).toEqual({ title: 'バックアップ確認' });
  });
});
