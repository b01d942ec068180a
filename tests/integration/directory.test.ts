import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceView } from '../../shared/schemas/directory';
import type { SpaceRef } from '../../shared/schemas/spaces';
import { ApiClient } from '../support/api';
import { createTestDatabase, TEST_POSTGRES_URL } from '../support/postgres';
import { startTestServer, type TestServer } from '../support/server';

/** The directory: resources with their schedules, Japanese search and facets, figures, the public view and the HSDS export. */
type Entry = ResourceView & { openThisWeek: boolean; organization: { id: string; name: string } };

let server: TestServer;
let clerk: ApiClient;
let space: string;
const org = {} as Record<'minato' | 'kita', string>;
const res = {} as Record<'shokudo' | 'soudan' | 'gakushu' | 'closed' | 'hidden', string>;

const EVERY_DAY = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU';

beforeAll(async () => {
  server = await startTestServer();
  clerk = new ApiClient(server.url);
  await clerk.login();
  [{ id: space }] = await clerk.json<SpaceRef[]>('GET', '/api/spaces');
  const add = async (body: Record<string, unknown>) => (await clerk.json<{ id: string }>('POST', `/api/spaces/${space}/organizations`, body, 201)).id;
  org.minato = await add({ name: 'みなと子ども食堂', kana: 'みなとこどもしょくどう', membership: 'relation', organizationType: 'kodomo-shokudo', email: 'info@minato.example.jp', phone: '045-000-1111', contactName: '港 花子', url: 'https://minato.example.jp' });
  org.kita = await add({ name: '北地区社協', kana: 'きたちくしゃきょう', membership: 'partner', organizationType: 'social_welfare_council' });
  const resource = async (owner: string, body: Record<string, unknown>) => (await clerk.json<{ id: string }>('POST', `/api/organizations/${owner}/resources`, body, 201)).id;
  res.shokudo = await resource(org.minato, {
    name: 'こども食堂みなと', description: '地域のこどもと親が一緒に夕食をとる場', categories: ['食事・食料', '居場所'], audiences: ['こども', '子育て世帯'], districts: ['港地区'],
    schedule: { rrule: 'FREQ=MONTHLY;BYDAY=2SA', opensAt: '17:00', closesAt: '19:30' }, address: '港区1-2-3 公民館', fees: 'こども無料、大人300円', capacity: 40, howToApply: '当日参加可', contact: '090-0000-0000（代表）', status: 'active', published: true,
  });
  res.soudan = await resource(org.kita, { name: 'なんでも相談', categories: ['相談'], audiences: ['誰でも'], districts: ['北地区'], schedule: { rrule: EVERY_DAY, opensAt: '10:00', closesAt: '16:00' }, status: 'active', published: true });
  res.gakushu = await resource(org.kita, { name: '学習支援教室', categories: ['学習支援'], audiences: ['こども'], districts: ['北地区'], schedule: { rrule: 'FREQ=WEEKLY;BYDAY=WE;UNTIL=20200101' }, status: 'active', published: false });
  res.closed = await resource(org.kita, { name: '休止中の見守り', categories: ['見守り'], audiences: ['高齢者'], districts: ['北地区'], status: 'paused', published: true });
  res.hidden = await resource(org.minato, { name: 'フードパントリー', categories: ['食事・食料'], audiences: ['生活困窮'], districts: ['港地区'], status: 'ended', published: true });
}, 60_000);

afterAll(async () => {
  await server?.close();
});

const names = (entries: Array<{ name: string }>) => entries.map((e) => e.name).sort();
const directory = (query = '') => clerk.json<{ entries: Entry[] }>('GET', `/api/spaces/${space}/directory${query}`).then((r) => r.entries);

describe('resources', () => {
  it('stores labels as the space’s terms and the schedule as a canonical rule, shown in Japanese', async () => {
    const r = await clerk.json<ResourceView>('GET', `/api/resources/${res.shokudo}`);
    expect(r).toMatchObject({ categories: ['食事・食料', '居場所'], audiences: ['こども', '子育て世帯'], districts: ['港地区'], capacity: 40, published: true, stale: false });
    expect(r.schedule).toEqual({ rrule: 'FREQ=MONTHLY;BYDAY=+2SA', opensAt: '17:00', closesAt: '19:30', textJa: '毎月第2土曜 17:00–19:30', weekdays: ['SA'] });
    expect(r.lastConfirmedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The district named first is now a term of the space; a category that is not is a 400.
    const terms = await clerk.json<{ districts: Array<{ label: string }> }>('GET', `/api/spaces/${space}/taxonomies`);
    expect(terms.districts.map((d) => d.label)).toEqual(['港地区', '北地区']);
    const bad = await clerk.request('POST', `/api/organizations/${org.kita}/resources`, { name: 'x', categories: ['宇宙開発'], audiences: [], status: 'active' });
    expect(bad.status).toBe(400);
    const badRule = await clerk.request('PATCH', `/api/resources/${res.soudan}`, { schedule: { rrule: 'FREQ=DAILY' } });
    expect(badRule.status).toBe(400);
    expect(((await badRule.json()) as { error: { message: string } }).error.message).toMatch(/schedule\.rrule/);
  });

  it('changes and deletes a resource, keeping its history with the organisation', async () => {
    const id = (await clerk.json<{ id: string }>('POST', `/api/organizations/${org.kita}/resources`, { name: '仮の項目', categories: ['相談'], audiences: [], status: 'active' }, 201)).id;
    const changed = await clerk.json<ResourceView>('PATCH', `/api/resources/${id}`, { schedule: { rrule: 'FREQ=WEEKLY;BYDAY=TU', opensAt: '13:00' } });
    expect(changed.schedule?.textJa).toBe('毎週火曜 13:00から');
    expect((await clerk.request('DELETE', `/api/resources/${id}`)).status).toBe(204);
    expect((await clerk.request('GET', `/api/resources/${id}`)).status).toBe(404);
    const page = await clerk.json<{ changes: Array<{ entityId: string; field: string; before: string | null; after: string | null }> }>('GET', `/api/organizations/${org.kita}`);
    const mine = page.changes.filter((c) => c.entityId === id);
    expect(mine).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'schedule', before: null, after: 'FREQ=WEEKLY;BYDAY=TU 13:00–' }),
      expect.objectContaining({ field: 'name', before: '仮の項目', after: null }),
    ]));
  });
});

describe('directory search and facets', () => {
  it('finds entries by 2- and 3-character Japanese terms, folded like the archive', async () => {
    expect(names(await directory(`?q=${encodeURIComponent('食堂')}`))).toEqual(['こども食堂みなと']);
    expect(names(await directory(`?q=${encodeURIComponent('相談')}`))).toEqual(['なんでも相談']);
    expect(names(await directory(`?q=${encodeURIComponent('公民館')}`))).toEqual(['こども食堂みなと']);
    // Katakana and full-width forms fold: コドモ finds こども, ｼｬｷｮｳ finds the reading of 社協.
    expect(names(await directory(`?q=${encodeURIComponent('コドモ')}`))).toEqual(['こども食堂みなと', '学習支援教室']);
    expect(names(await directory(`?q=${encodeURIComponent('ｼｬｷｮｳ')}`))).toEqual(['なんでも相談', '学習支援教室']);
    // Every term must match.
    expect(names(await directory(`?q=${encodeURIComponent('こども 夕食')}`))).toEqual(['こども食堂みなと']);
    expect(await directory(`?q=${encodeURIComponent('食堂 高齢者')}`)).toEqual([]);
  });

  it('filters by category, audience, district, weekday and open this week', async () => {
    expect(names(await directory(`?category=${encodeURIComponent('居場所')}`))).toEqual(['こども食堂みなと']);
    expect(names(await directory(`?audience=${encodeURIComponent('こども')}`))).toEqual(['こども食堂みなと', '学習支援教室']);
    expect(names(await directory(`?district=${encodeURIComponent('北地区')}`))).toEqual(['なんでも相談', '学習支援教室']);
    expect(names(await directory('?weekday=SA'))).toEqual(['こども食堂みなと', 'なんでも相談']);
    expect(names(await directory('?weekday=WE'))).toEqual(['なんでも相談', '学習支援教室']);
    // Every day is open this week; a rule that ended in 2020 is not.
    const open = await directory('?openThisWeek=1');
    expect(open.map((e) => e.name)).toContain('なんでも相談');
    expect(open.map((e) => e.name)).not.toContain('学習支援教室');
    // Paused and ended entries only with all=1.
    expect(names(await directory())).not.toContain('休止中の見守り');
    expect(names(await directory('?all=1'))).toEqual(expect.arrayContaining(['休止中の見守り', 'フードパントリー']));
    expect((await clerk.request('GET', `/api/spaces/${space}/directory?weekday=XX`)).status).toBe(400);
  });
});

describe('public view', () => {
  it('shows only published, active entries, without the members’ contact details, to anyone', async () => {
    const res1 = await fetch(`${server.url}/api/public/directory/${space}`);
    expect(res1.status).toBe(200);
    const body = (await res1.json()) as { space: { name: string }; entries: Array<Record<string, unknown> & { name: string; organization: Record<string, unknown> }>; taxonomies: { categories: Array<{ label: string }> } };
    expect(names(body.entries)).toEqual(['こども食堂みなと', 'なんでも相談']);
    const text = JSON.stringify(body);
    for (const secret of ['info@minato.example.jp', '045-000-1111', '港 花子', 'lastConfirmedOn', 'stale', '学習支援教室', '休止中の見守り', 'フードパントリー']) expect(text, secret).not.toContain(secret);
    expect(body.entries.find((e) => e.name === 'こども食堂みなと')).toMatchObject({ contact: '090-0000-0000（代表）', organization: { name: 'みなと子ども食堂', url: 'https://minato.example.jp' } });
    expect(body.taxonomies.categories.map((c) => c.label).sort()).toEqual(['居場所', '相談', '食事・食料'].sort());
    const searched = (await (await fetch(`${server.url}/api/public/directory/${space}?q=${encodeURIComponent('食堂')}`)).json()) as { entries: Array<{ name: string }> };
    expect(names(searched.entries)).toEqual(['こども食堂みなと']);
    expect((await fetch(`${server.url}/api/public/directory/no-such-space`)).status).toBe(404);
  });
});

describe('figures', () => {
  it('counts members and resources, names the gaps and the stale entries', async () => {
    const f = await clerk.json<{
      members: { total: number; byKind: Array<{ membership: string; count: number }>; byType: Array<{ organizationType: string; count: number }> };
      resources: { byCategory: Array<{ category: string; count: number }>; byDistrict: Array<{ district: string; count: number }> };
      gaps: { cells: Array<{ district: string; category: string }> };
      stale: Array<{ resourceId: string }>;
    }>('GET', `/api/spaces/${space}/directory/figures?audience=${encodeURIComponent('こども')}`);
    expect(f.members.total).toBe(2);
    expect(f.members.byKind).toEqual(expect.arrayContaining([{ membership: 'relation', count: 1 }, { membership: 'partner', count: 1 }, { membership: 'council', count: 0 }]));
    expect(f.resources.byCategory.find((c) => c.category === '相談')?.count).toBe(1);
    expect(f.resources.byDistrict).toEqual([{ district: '港地区', count: 1 }, { district: '北地区', count: 2 }]);
    // For children: 北地区 has 学習支援 but no 居場所; 港地区 has 居場所.
    expect(f.gaps.cells).toContainEqual({ district: '北地区', category: '居場所' });
    expect(f.gaps.cells).not.toContainEqual({ district: '港地区', category: '居場所' });
    expect(f.gaps.cells).not.toContainEqual({ district: '北地区', category: '学習支援' });
    expect(f.stale).toEqual([]);
    // An entry last confirmed over a year ago is flagged.
    await server.app.database.db.updateTable('resources').set({ last_confirmed_on: '2024-01-01' }).where('id', '=', res.soudan).execute();
    const later = await clerk.json<{ stale: Array<{ resourceId: string; lastConfirmedOn: string }> }>('GET', `/api/spaces/${space}/directory/figures`);
    expect(later.stale).toEqual([expect.objectContaining({ resourceId: res.soudan, lastConfirmedOn: '2024-01-01' })]);
    expect((await clerk.json<ResourceView>('GET', `/api/resources/${res.soudan}`)).stale).toBe(true);
  });
});

describe('HSDS export', () => {
  const fixture = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/hsds-schemas.json'), 'utf8')) as { schemas: Record<string, { properties: Record<string, unknown> }> };

  /** The published schemas, with a $ref to an object not copied (one we never export) accepting nothing. */
  function validator(): Ajv {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addFormat('%Y', true);
    const copied = new Set(Object.keys(fixture.schemas));
    const refs = JSON.stringify(fixture.schemas).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of new Set(refs.map((r) => r.slice(8, -1)))) if (!copied.has(ref)) ajv.addSchema({ not: {} }, ref);
    for (const [name, schema] of Object.entries(fixture.schemas)) ajv.addSchema(schema, name);
    return ajv;
  }

  /** Every field we write is one the schema names (HSDS allows others; we promise Open Referral's names). */
  function undeclared(value: Record<string, unknown>, schema: string, where: string): string[] {
    const props = fixture.schemas[schema].properties as Record<string, { items?: { $ref?: string }; $ref?: string }>;
    return Object.entries(value).flatMap(([key, v]) => {
      if (!(key in props)) return [`${where}.${key}`];
      const ref = props[key].items?.$ref ?? props[key].$ref;
      if (!ref || !fixture.schemas[ref]) return [];
      const items = Array.isArray(v) ? v : [v];
      return items.flatMap((item, i) => undeclared(item as Record<string, unknown>, ref, `${where}.${key}[${i}]`));
    });
  }

  it('writes organizations and services that the published HSDS 3 schemas accept, field by field', async () => {
    const orgs = await clerk.json<Array<Record<string, unknown> & { services: Array<Record<string, unknown>> }>>('GET', `/api/spaces/${space}/directory/hsds.json`);
    expect(orgs.map((o) => o.name).sort()).toEqual(['みなと子ども食堂', '北地区社協'].sort());
    const ajv = validator();
    const checkOrg = ajv.getSchema('organization.json')!;
    const checkService = ajv.getSchema('service.json')!;
    for (const o of orgs) {
      const { services, ...organization } = o;
      expect(checkOrg(organization), JSON.stringify(checkOrg.errors)).toBe(true);
      expect(undeclared(organization, 'organization.json', o.name as string)).toEqual([]);
      for (const s of services) {
        expect(checkService(s), JSON.stringify(checkService.errors)).toBe(true);
        expect(undeclared(s, 'service.json', s.name as string)).toEqual([]);
        expect(s.organization_id).toBe(o.id);
      }
    }
    const minato = orgs.find((o) => o.name === 'みなと子ども食堂')!;
    expect(minato).toMatchObject({ alternate_name: 'みなとこどもしょくどう', email: 'info@minato.example.jp', website: 'https://minato.example.jp', phones: [expect.objectContaining({ number: '045-000-1111' })] });
    // Ended entries are left out; paused ones are temporarily closed.
    expect(minato.services.map((s) => s.name)).toEqual(['こども食堂みなと']);
    const shokudo = minato.services[0] as Record<string, unknown> & { schedules: Array<Record<string, unknown>>; attributes: Array<Record<string, unknown>>; service_areas: Array<Record<string, unknown>> };
    expect(shokudo).toMatchObject({ status: 'active', fees_description: 'こども無料、大人300円', application_process: '当日参加可', eligibility_description: 'こども、子育て世帯' });
    expect(shokudo.schedules).toEqual([expect.objectContaining({ freq: 'MONTHLY', byday: '2SA', opens_at: '17:00+09:00', closes_at: '19:30+09:00', description: '毎月第2土曜 17:00–19:30' })]);
    expect(shokudo.service_areas.map((a) => a.name)).toEqual(['港地区']);
    expect(shokudo.attributes.map((a) => [a.link_type, a.value])).toEqual([['service_category', '食事・食料'], ['service_category', '居場所'], ['service_audience', 'こども'], ['service_audience', '子育て世帯']]);
    const kita = orgs.find((o) => o.name === '北地区社協')!;
    expect(kita.services.find((s) => s.name === '休止中の見守り')?.status).toBe('temporarily closed');
    // The same ids on the next export.
    const again = await clerk.json<typeof orgs>('GET', `/api/spaces/${space}/directory/hsds.json`);
    expect(JSON.stringify(again)).toBe(JSON.stringify(orgs));
  });

  it('writes the HSDS tabular files under Open Referral field names', async () => {
    const csv = await (await clerk.request('GET', `/api/spaces/${space}/directory/hsds/schedules.csv`)).text();
    const [head, ...rows] = csv.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(head.split(',').every((c) => c in fixture.schemas['schedule.json'].properties)).toBe(true);
    expect(rows.some((r) => r.includes('MONTHLY') && r.includes('2SA'))).toBe(true);
    const services = await (await clerk.request('GET', `/api/spaces/${space}/directory/hsds/services.csv`)).text();
    expect(services.replace(/^\ufeff/, '').split('\r\n')[0].split(',').every((c) => c in fixture.schemas['service.json'].properties)).toBe(true);
    expect((await clerk.request('GET', `/api/spaces/${space}/directory/hsds/constructor.csv`)).status).toBe(404);
  });
});

describe.skipIf(!TEST_POSTGRES_URL)('on PostgreSQL', () => {
  it('stores, imports, searches, confirms and exports the same way', async () => {
    const database = await createTestDatabase();
    const pgServer = await startTestServer({ databaseUrl: database.url });
    try {
      const api = new ApiClient(pgServer.url);
      await api.login();
      const [{ id: spaceId }] = await api.json<SpaceRef[]>('GET', '/api/spaces');
      const csv = new TextEncoder().encode('団体名,会員種別,団体の種類,地区\n港の会,関係会員,NPO・市民活動団体,港地区\n');
      const cookie = (api as unknown as { cookie: string }).cookie;
      const imported = await fetch(`${pgServer.url}/api/spaces/${spaceId}/organizations/import`, { method: 'POST', headers: { 'content-type': 'text/csv', cookie }, body: Buffer.from(csv) });
      expect(await imported.json()).toEqual({ imported: 1, encoding: 'UTF-8' });
      const [org] = await api.json<Array<{ id: string; districts: string[] }>>('GET', `/api/spaces/${spaceId}/organizations`);
      expect(org.districts).toEqual(['港地区']);
      const { id } = await api.json<{ id: string }>('POST', `/api/organizations/${org.id}/resources`, { name: '港の食堂', categories: ['食事・食料'], audiences: ['こども'], districts: ['港地区'], schedule: { rrule: 'FREQ=MONTHLY;BYDAY=2SA' }, latitude: 35.4437078, longitude: 139.6380256, status: 'active', published: true }, 201);
      expect(await api.json<ResourceView>('GET', `/api/resources/${id}`)).toMatchObject({ latitude: 35.4437078, longitude: 139.6380256, schedule: { textJa: '毎月第2土曜' } });
      expect(names(await api.json<{ entries: Entry[] }>('GET', `/api/spaces/${spaceId}/directory?q=${encodeURIComponent('食堂')}`).then((r) => r.entries))).toEqual(['港の食堂']);
      const { url } = await api.json<{ url: string }>('POST', `/api/organizations/${org.id}/update-link`, undefined, 201);
      const token = new URL(url).pathname.slice(3);
      expect((await fetch(`${pgServer.url}/api/update-links/${token}/confirm`, { method: 'POST' })).status).toBe(200);
      const hsds = await api.json<Array<{ services: unknown[] }>>('GET', `/api/spaces/${spaceId}/directory/hsds.json`);
      expect(hsds[0].services).toHaveLength(1);
    } finally {
      await pgServer.close();
      await database.drop();
    }
  });
});
