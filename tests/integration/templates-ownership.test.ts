import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Migration, Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import * as foundation from '../../db/migrations/2026-11-26-001-foundation';
import * as auditLog from '../../db/migrations/2026-11-26-002-audit-log';
import * as workshop from '../../db/migrations/2026-11-26-003-workshop';
import * as consensus from '../../db/migrations/2026-11-26-004-consensus';
import * as secretariat from '../../db/migrations/2026-11-26-005-secretariat';
import type { SessionView } from '../../shared/schemas/api';
import { ApiClient, createSessionAsAdmin } from '../support/api';
import { useTestServer } from '../support/lifecycle';

interface TemplateView {
  id: string;
  name: string;
  builtIn: boolean;
  shared: boolean;
  ownerId: string | null;
}

const BUILT_INS = ['community-lab', 'theme-tables', 'free-board'];

describe('templates are owned', () => {
  const t = useTestServer();

  async function facilitator(admin: ApiClient, email: string, role = 'facilitator'): Promise<ApiClient> {
    await admin.json('POST', '/api/users', { email, password: 'a long password', displayName: email, role }, 201);
    const client = new ApiClient(t.server.url);
    await client.login(email, 'a long password');
    return client;
  }

  it("keeps a saved template private to its creator until they share it", async () => {
    const { api: admin } = await createSessionAsAdmin(t.server.url);
    const owner = await facilitator(admin, 'owner@example.jp');
    const other = await facilitator(admin, 'other@example.jp');
    const clerk = await facilitator(admin, 'clerk@example.jp', 'secretariat');
    const session = await owner.json<SessionView>('POST', '/api/sessions', { title: '私の会', template: 'free-board' }, 201);
    const saved = await owner.json<TemplateView>('POST', '/api/templates', { name: '私のラボ', fromSessionId: session.id }, 201);
    expect(saved).toMatchObject({ shared: false, builtIn: false });

    expect((await owner.json<TemplateView[]>('GET', '/api/templates')).map((x) => x.id)).toEqual([...BUILT_INS, saved.id]);
    expect((await other.json<TemplateView[]>('GET', '/api/templates')).map((x) => x.id)).toEqual(BUILT_INS);
    expect((await clerk.json<TemplateView[]>('GET', '/api/templates')).map((x) => x.id)).toEqual([...BUILT_INS, saved.id]);
    expect((await other.request('GET', `/api/templates/${saved.id}`)).status).toBe(404);
    expect((await other.request('POST', '/api/sessions', { title: '盗用', template: saved.id })).status).toBe(404);
    expect((await other.request('PATCH', `/api/templates/${saved.id}`, { shared: true })).status).toBe(404);

    expect(await owner.json<TemplateView>('PATCH', `/api/templates/${saved.id}`, { shared: true })).toMatchObject({ id: saved.id, shared: true });
    expect((await other.json<TemplateView[]>('GET', '/api/templates')).map((x) => x.id)).toEqual([...BUILT_INS, saved.id]);
    expect(await other.json<TemplateView>('GET', `/api/templates/${saved.id}`)).toMatchObject({ name: '私のラボ', shared: true });
    await other.json('POST', '/api/sessions', { title: '借りた会', template: saved.id }, 201);
    // Shared is not handed over: only its owner takes it back.
    expect((await other.request('PATCH', `/api/templates/${saved.id}`, { shared: false })).status).toBe(403);
  });
});

describe('template ownership migration', () => {
  it('gives existing templates to their creator when known, and shares the rest', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'yoriai-test-'));
    const database = openDatabase({ dataDir });
    try {
      const before: Record<string, Migration> = {
        '2026-11-26-001-foundation': foundation,
        '2026-11-26-002-audit-log': auditLog,
        '2026-11-26-003-workshop': workshop,
        '2026-11-26-004-consensus': consensus,
        '2026-11-26-005-secretariat': secretariat,
      };
      const { error } = await new Migrator({ db: database.db, provider: { getMigrations: async () => before } }).migrateToLatest();
      expect(error).toBeUndefined();
      const db = database.db as unknown as import('kysely').Kysely<any>;
      await db.insertInto('users').values({ id: 'u1', email: 'a@example.jp', password_hash: 'x', display_name: 'A', role: 'facilitator', created_at: '2026-11-30T00:00:00Z' }).execute();
      const template = { created_at: '2026-11-30T00:00:00Z', definition: '{}' };
      await db.insertInto('templates').values([{ id: 'known', name: 'K', created_by: 'u1', ...template }, { id: 'orphan', name: 'O', created_by: 'gone', ...template }]).execute();
      await migrateToLatest(database.db);
      const rows = await db.selectFrom('templates').select(['id', 'owner_id', 'shared']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 'known', owner_id: 'u1', shared: 0 },
        { id: 'orphan', owner_id: null, shared: 1 },
      ]);
    } finally {
      await database.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
