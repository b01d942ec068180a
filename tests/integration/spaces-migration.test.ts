import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connect';
import { MIGRATIONS } from '../../db/migrate';
import { hashPassword } from '../../server/auth/passwords';
import type { SessionView } from '../../shared/schemas/api';
import type { SpaceRef, SpaceView } from '../../shared/schemas/spaces';
import { ApiClient } from '../support/api';
import { createTestDatabase, TEST_POSTGRES_URL } from '../support/postgres';
import { startTestServer, type TestServer } from '../support/server';

const cleanups: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A database as it was before spaces: two accounts, a session and a saved template. */
async function seedBeforeSpaces(dataDir: string, databaseUrl?: string): Promise<void> {
  const handle = openDatabase({ dataDir, databaseUrl });
  const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error } = await migrator.migrateTo('2026-12-01-060-card-reactions');
  if (error) throw error;
  const db = handle.db as never as import('kysely').Kysely<any>;
  const at = '2026-11-30T09:00:00.000Z';
  const password_hash = await hashPassword('password 123 long');
  await db.insertInto('users').values([
    { id: 'u-fac', email: 'fac@example.jp', password_hash, display_name: '進行役', role: 'facilitator', created_at: at },
    { id: 'u-clerk', email: 'clerk@example.jp', password_hash, display_name: '事務局', role: 'secretariat', created_at: at },
  ]).execute();
  await db.insertInto('sessions').values({ id: 's-old', title: '昨年度の会', template: 'free-board', join_code: '123456', status: 'closed', created_by: 'u-fac', created_at: at, closed_at: at }).execute();
  await db.insertInto('templates').values({ id: 'custom-old', name: '昔の型', created_by: 'u-fac', owner_id: 'u-fac', shared: 0, created_at: at, definition: 'null' }).execute();
  await handle.close();
}

// SQLite always; PostgreSQL where the test database is set up (CI starts one).
const STORES = ['sqlite', ...(TEST_POSTGRES_URL ? ['postgres'] : [])] as const;

describe.each(STORES)('migration 080 on %s: existing data moves into a first space', (store) => {
  it('puts every session and template in はじめのスペース and appoints every account with its role', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'yoriai-spaces-upgrade-'));
    cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    let databaseUrl: string | undefined;
    if (store === 'postgres') {
      const created = await createTestDatabase();
      cleanups.push(created.drop);
      databaseUrl = created.url;
    }
    await seedBeforeSpaces(dataDir, databaseUrl);
    const server: TestServer = await startTestServer({ dataDir, databaseUrl });
    cleanups.push(() => server.stop());
    const fac = new ApiClient(server.url);
    await fac.login('fac@example.jp', 'password 123 long');
    const spaces = await fac.json<SpaceRef[]>('GET', '/api/spaces');
    expect(spaces.map((s) => s.name)).toEqual(['はじめのスペース']);
    const sessions = await fac.json<SessionView[]>('GET', '/api/sessions');
    expect(sessions.map((s) => [s.id, s.spaceId])).toEqual([['s-old', spaces[0].id]]);
    const clerk = new ApiClient(server.url);
    await clerk.login('clerk@example.jp', 'password 123 long');
    expect((await clerk.json<SessionView[]>('GET', '/api/sessions')).map((s) => s.id)).toEqual(['s-old']);
    const view = await clerk.json<SpaceView>('GET', `/api/spaces/${spaces[0].id}`);
    expect(view.canManage).toBe(true);
    expect(view.members.map((m) => [m.userId, m.role]).sort()).toEqual([['u-clerk', 'secretariat'], ['u-fac', 'facilitator']]);
    // The old template (its definition damaged) is the space's: 400 inside the space, 404 from another.
    const admin = new ApiClient(server.url);
    await admin.login();
    const { id: other } = await admin.json<{ id: string }>('POST', '/api/spaces', { name: '別の取組' }, 201);
    const { id: outsider } = await admin.json<{ id: string }>('POST', '/api/users', { email: 'out@example.jp', displayName: '外', role: 'secretariat', password: 'password 123 long', spaceId: other }, 201);
    expect(outsider).toBeTruthy();
    const out = new ApiClient(server.url);
    await out.login('out@example.jp', 'password 123 long');
    expect((await out.request('GET', '/api/sessions/s-old')).status).toBe(404);
    expect((await out.request('POST', '/api/sessions', { title: 'x', template: 'custom-old' })).status).toBe(404);
    expect((await clerk.request('POST', '/api/sessions', { title: 'x', template: 'custom-old' })).status).toBe(400);
  });
});
