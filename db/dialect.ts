import { type Kysely, PostgresAdapter, sql, type Transaction } from 'kysely';

/** The SQL dialects Yoriai runs on. Repositories stay neutral; where they differ, the small adapters below decide. */
export type Dialect = 'sqlite' | 'postgres';

/** Which dialect a Kysely instance speaks. */
export function dialectOf(db: Kysely<any> | Transaction<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Serialise transactions that read, check and write the same thing (a voter's dots, a
 * session's control state). SQLite has one writer at a time already; PostgreSQL takes a
 * transaction-scoped advisory lock on the key.
 */
export async function serializeOn(trx: Transaction<any>, key: string): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}
