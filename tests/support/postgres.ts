import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * PostgreSQL and Redis for the tests that need them: `.ci/run` starts both on loopback and sets
 * these variables (README says how to do the same by hand); without them those tests skip.
 */
export const TEST_POSTGRES_URL = process.env.YORIAI_TEST_POSTGRES_URL;
export const TEST_REDIS_URL = process.env.YORIAI_TEST_REDIS_URL;

/**
 * A fresh, empty database for one test, dropped afterwards: created through `serverUrl` (a
 * database the role may connect to; its role needs `createdb`), named `<prefix><random>`.
 */
export async function createTestDatabase(serverUrl = TEST_POSTGRES_URL, prefix = 'yoriai_t_'): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  if (!serverUrl) throw new Error('YORIAI_TEST_POSTGRES_URL is not set');
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
