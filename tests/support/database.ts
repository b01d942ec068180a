import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DbHandle } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';

/**
 * A migrated SQLite database in a temp folder of its own, for tests of the store below the
 * server. `defer` is handed its cleanup (close, then remove the folder), to run last first.
 */
export async function openTempSqlite(defer: (fn: () => unknown) => void): Promise<{ handle: DbHandle; dataDir: string; file: string }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'yoriai-db-'));
  defer(() => fs.rm(dataDir, { recursive: true, force: true }));
  const handle = openDatabase({ dataDir });
  defer(() => handle.close());
  await migrateToLatest(handle.db);
  return { handle, dataDir, file: path.join(dataDir, 'yoriai.sqlite') };
}
