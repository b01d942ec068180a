import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, Kysely, PostgresDialect, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from 'kysely';
import pg from 'pg';
import type { Database as Schema } from './schema';

/** An open database: Kysely for queries; for SQLite also the raw handle (pragmas, backups). */
export interface DbHandle {
  db: Kysely<Schema>;
  /** The SQLite handle, or null on PostgreSQL. */
  sqlite: Database.Database | null;
  /** Where the data is: the SQLite file, or the PostgreSQL URL without its password. */
  location: string;
  close(): Promise<void>;
}

/**
 * SQLite transactions take the write lock when they begin (BEGIN IMMEDIATE), waiting for it
 * within the busy timeout. The commit thread (server/rooms/log-writer.ts) writes the same file
 * through a connection of its own; a deferred transaction that read first and wrote after failed
 * at once with SQLITE_BUSY whenever that thread committed in between (its snapshot was stale, and
 * the busy timeout does not apply to that), and a join was answered 500.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

/** Where to store: PostgreSQL when a URL is given, else SQLite in `dataDir`. */
export interface DbOptions {
  dataDir: string;
  databaseUrl?: string;
}

/**
 * Open the database. SQLite (the embedded default): `<dataDir>/yoriai.sqlite` in WAL mode with
 * synchronous=FULL, so a committed transaction survives a killed process and a power cut
 * (docs/operations.md). PostgreSQL: a connection pool on `databaseUrl` (docs/scaling.md).
 */
export function openDatabase(options: DbOptions): DbHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.databaseUrl);
    url.password = '';
    return { db, sqlite: null, location: url.toString(), close: () => db.destroy() };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'yoriai.sqlite');
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Schema>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return { db, sqlite, location: file, close: () => db.destroy() };
}
