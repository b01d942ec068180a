import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * PostgreSQL and Redis for the tests that need them: `.ci/run` starts both on loopback and sets
 * these variables (README says how to do the same by hand); without them those tests skip.
 */
export const TEST_POSTGRES_URL = process.env.YORIAI_TEST_POSTGRES_URL;
export const TEST_REDIS_URL = process.env.YORIAI_TEST_REDIS_URL;

/** A fresh, empty database for one test, dropped afterwards. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_POSTGRES_URL) throw new Error('YORIAI_TEST_POSTGRES_URL is not set');
  const name = `yoriai_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
