import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database as Schema } from './schema';

/** An open database: Kysely for queries, the raw handle for pragmas and backups. */
export interface DbHandle {
  db: Kysely<Schema>;
  sqlite: Database.Database;
  file: string;
  close(): Promise<void>;
}

/**
 * Open (creating if needed) `<dataDir>/yoriai.sqlite` in WAL mode with synchronous=FULL:
 * a committed transaction survives a killed process and a power cut (docs/operations.md).
 */
export function openDatabase(dataDir: string): DbHandle {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'yoriai.sqlite');
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    sqlite,
    file,
    async close() {
      await db.destroy();
    },
  };
}
