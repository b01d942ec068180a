import Encoding from 'encoding-japanese';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpaceRef } from '../../shared/schemas/spaces';
import type { OrganizationView } from '../../shared/schemas/directory';
import { ApiClient } from '../support/api';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Member organisations: the secretariat adds, edits, imports and exports them, scoped to its
 * space; a clerk of space A sees nothing of space B on any of these routes.
 */
let server: TestServer;
let admin: ApiClient;
let clerkA: ApiClient;
let facA: ApiClient;
let clerkB: ApiClient;
let spaceA: string;
let spaceB: string;
let orgB: string;
let resourceB: string;

async function account(email: string, role: 'secretariat' | 'facilitator', spaceId: string): Promise<ApiClient> {
  await admin.json('POST', '/api/users', { email, password: 'password 123', displayName: email, role, spaceId }, 201);
  const client = new ApiClient(server.url);
  await client.login(email, 'password 123');
  return client;
}

// ApiClient sends JSON; an import is raw bytes with the client's cookie.
async function rawPost(client: ApiClient, pathname: string, bytes: Uint8Array): Promise<Response> {
  const cookie = (client as unknown as { cookie: string }).cookie;
  return fetch(server.url + pathname, { method: 'POST', headers: { 'content-type': 'text/csv', cookie }, body: Buffer.from(bytes) });
}

const sjis = (text: string) => Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
const utf8Bom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);

beforeAll(async () => {
  server = await startTestServer();
  admin = new ApiClient(server.url);
  await admin.login();
  [{ id: spaceA }] = await admin.json<SpaceRef[]>('GET', '/api/spaces');
  ({ id: spaceB } = await admin.json<{ id: string }>('POST', '/api/spaces', { name: 'ウェルビーイングなまちづくり' }, 201));
  clerkA = await account('clerk-a@example.jp', 'secretariat', spaceA);
  facA = await account('fac-a@example.jp', 'facilitator', spaceA);
  clerkB = await account('clerk-b@example.jp', 'secretariat', spaceB);
  ({ id: orgB } = await clerkB.json<{ id: string }>('POST', `/api/spaces/${spaceB}/organizations`, { name: '健幸ネット', membership: 'partner', organizationType: 'npo' }, 201));
  ({ id: resourceB } = await clerkB.json<{ id: string }>('POST', `/api/organizations/${orgB}/resources`, { name: '健幸カフェ', categories: ['居場所'], audiences: ['高齢者'], status: 'active', published: true }, 201));
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('member organisations', () => {
  it('adds, lists by reading, reads and changes an organisation, logging each changed field', async () => {
    const { id } = await clerkA.json<{ id: string }>('POST', `/api/spaces/${spaceA}/organizations`, {
      name: 'みなと子ども食堂', kana: 'みなとこどもしょくどう', membership: 'relation', organizationType: 'kodomo-shokudo', districts: ['港地区'], email: 'Info@Minato.example.jp', url: 'https://minato.example.jp',
    }, 201);
    await clerkA.json('POST', `/api/spaces/${spaceA}/organizations`, { name: 'あおば会', kana: 'あおばかい', membership: 'council', organizationType: 'jichikai' }, 201);
    const list = await facA.json<OrganizationView[]>('GET', `/api/spaces/${spaceA}/organizations`);
    expect(list.map((o) => o.name)).toEqual(['あおば会', 'みなと子ども食堂']);
    expect(list[1]).toMatchObject({ membership: 'relation', organizationType: 'kodomo-shokudo', districts: ['港地区'], email: 'info@minato.example.jp' });

    const changed = await clerkA.json<OrganizationView>('PATCH', `/api/organizations/${id}`, { phone: '045-000-0000', districts: ['港地区', '北地区'] });
    expect(changed).toMatchObject({ phone: '045-000-0000', districts: ['港地区', '北地区'] });
    const page = await facA.json<{ organization: OrganizationView; changes: Array<{ field: string; before: string | null; after: string | null; by: string }>; sessionsAttended: null }>('GET', `/api/organizations/${id}`);
    expect(page.organization.phone).toBe('045-000-0000');
    expect(page.sessionsAttended).toBeNull();
    const edits = page.changes.filter((c) => c.before !== null || c.field === 'phone');
    expect(edits).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'phone', before: null, after: '045-000-0000', by: expect.stringMatching(/^user:/) }),
      expect.objectContaining({ field: 'districts', before: '港地区', after: '港地区、北地区' }),
    ]));
    // An empty patch changes nothing and logs nothing.
    await clerkA.json('PATCH', `/api/organizations/${id}`, {});
    expect((await facA.json<{ changes: unknown[] }>('GET', `/api/organizations/${id}`)).changes).toHaveLength(page.changes.length);
  });

  it('refuses bad input with a 400 and a facilitator’s change with a 403', async () => {
    const post = (body: unknown) => clerkA.request('POST', `/api/spaces/${spaceA}/organizations`, body);
    expect((await post({ name: '', membership: 'relation', organizationType: 'npo' })).status).toBe(400);
    expect((await post({ name: 'x', membership: '正会員', organizationType: 'npo' })).status).toBe(400);
    expect((await post({ name: 'x', membership: 'none', organizationType: 'no-such-type' })).status).toBe(400);
    expect((await post({ name: 'x', membership: 'none', organizationType: 'npo', url: 'javascript:alert(1)' })).status).toBe(400);
    expect((await facA.request('POST', `/api/spaces/${spaceA}/organizations`, { name: 'x', membership: 'none', organizationType: 'npo' })).status).toBe(403);
    const [org] = await facA.json<OrganizationView[]>('GET', `/api/spaces/${spaceA}/organizations`);
    expect((await facA.request('PATCH', `/api/organizations/${org.id}`, { name: 'y' })).status).toBe(403);
  });

  it('takes only the membership kinds the space uses (なし always)', async () => {
    await clerkB.json('PATCH', `/api/spaces/${spaceB}`, { membershipKinds: ['partner'] });
    try {
      const post = (membership: string) => clerkB.request('POST', `/api/spaces/${spaceB}/organizations`, { name: `${membership}の会`, membership, organizationType: 'npo' });
      expect((await post('relation')).status).toBe(400);
      expect((await post('none')).status).toBe(201);
      expect((await clerkB.request('PATCH', `/api/organizations/${orgB}`, { membership: 'council' })).status).toBe(400);
      const csv = await rawPost(clerkB, `/api/spaces/${spaceB}/organizations/import?preview=1`, utf8Bom('団体名,会員種別\nつばさ会,関係会員\n'));
      expect(((await csv.json()) as { rows: Array<{ line: number; message: string }> }).rows).toEqual([{ line: 2, message: '会員種別「関係会員」はこのスペースでは使っていません。' }]);
    } finally {
      await clerkB.json('PATCH', `/api/spaces/${spaceB}`, { membershipKinds: ['relation', 'partner', 'council'] });
    }
  });

  it('shows a clerk of space A nothing of space B', async () => {
    const paths: Array<[string, string, unknown?]> = [
      ['GET', `/api/spaces/${spaceB}/organizations`],
      ['POST', `/api/spaces/${spaceB}/organizations`, { name: 'x', membership: 'none', organizationType: 'npo' }],
      ['GET', `/api/spaces/${spaceB}/organizations.csv`],
      ['GET', `/api/spaces/${spaceB}/organizations.json`],
      ['GET', `/api/spaces/${spaceB}/taxonomies`],
      ['PUT', `/api/spaces/${spaceB}/taxonomies/categories`, { terms: [] }],
      ['GET', `/api/organizations/${orgB}`],
      ['PATCH', `/api/organizations/${orgB}`, { name: 'x' }],
      ['POST', `/api/organizations/${orgB}/resources`, { name: 'x', categories: [], audiences: [], status: 'active' }],
      ['POST', `/api/organizations/${orgB}/update-link`],
      ['DELETE', `/api/organizations/${orgB}/update-link`],
      ['GET', `/api/resources/${resourceB}`],
      ['PATCH', `/api/resources/${resourceB}`, { name: 'x' }],
      ['DELETE', `/api/resources/${resourceB}`],
      ['GET', `/api/spaces/${spaceB}/directory`],
      ['GET', `/api/spaces/${spaceB}/directory/figures`],
      ['GET', `/api/spaces/${spaceB}/directory/hsds.json`],
      ['GET', `/api/spaces/${spaceB}/directory/hsds/services.csv`],
    ];
    for (const [method, path, body] of paths) {
      const res = await clerkA.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const imported = await rawPost(clerkA, `/api/spaces/${spaceB}/organizations/import`, utf8Bom('団体名\n侵入団体\n'));
    expect(imported.status).toBe(404);
    // Space B is untouched, and A's lists hold nothing of B's.
    const bList = await clerkB.json<OrganizationView[]>('GET', `/api/spaces/${spaceB}/organizations`);
    expect(bList.map((o) => o.name)).toContain('健幸ネット');
    expect(bList.map((o) => o.name)).not.toContain('侵入団体');
    expect(bList.map((o) => o.name)).not.toContain('x');
    expect((await clerkB.json<{ name: string }>('GET', `/api/resources/${resourceB}`)).name).toBe('健幸カフェ');
    const aList = await clerkA.json<OrganizationView[]>('GET', `/api/spaces/${spaceA}/organizations`);
    expect(aList.some((o) => o.name === '健幸ネット')).toBe(false);
    const aDirectory = await clerkA.json<{ entries: Array<{ name: string }> }>('GET', `/api/spaces/${spaceA}/directory?q=健幸`);
    expect(aDirectory.entries).toEqual([]);
  });
});

describe('an organisation’s page and the space’s taxonomies', () => {
  it('lists the follow-up actions the organisation owns in its own space’s sessions only', async () => {
    const { id } = await clerkA.json<{ id: string }>('POST', `/api/spaces/${spaceA}/organizations`, { name: 'ひかり相談室', membership: 'relation', organizationType: 'soudan-kikan' }, 201);
    const inA = await clerkA.json<{ id: string }>('POST', '/api/sessions', { title: '居場所を考える会', template: 'free-board' }, 201);
    await clerkA.json('POST', `/api/sessions/${inA.id}/actions`, { title: '相談窓口の案内を配る', ownerOrganization: 'ひかり相談室' }, 201);
    await clerkA.json('POST', `/api/sessions/${inA.id}/actions`, { title: '別の団体の宿題', ownerOrganization: 'ほかの会' }, 201);
    // The same name owns an action in space B: not this organisation's.
    const inB = await clerkB.json<{ id: string }>('POST', '/api/sessions', { title: '健幸の会', template: 'free-board' }, 201);
    await clerkB.json('POST', `/api/sessions/${inB.id}/actions`, { title: 'Bの宿題', ownerOrganization: 'ひかり相談室' }, 201);
    const page = await facA.json<{ actions: Array<{ title: string; sessionId: string; sessionTitle: string }> }>('GET', `/api/organizations/${id}`);
    expect(page.actions).toEqual([expect.objectContaining({ title: '相談窓口の案内を配る', sessionId: inA.id, sessionTitle: '居場所を考える会' })]);
  });

  it('renames, adds and retires terms; a retired term still names old entries but is refused in new ones', async () => {
    type Terms = Record<'categories' | 'audiences' | 'districts', Array<{ id: string; label: string; retired: boolean }>>;
    const before = await clerkB.json<Terms>('GET', `/api/spaces/${spaceB}/taxonomies`);
    const ibasho = before.categories.find((t) => t.label === '居場所')!;
    const kept = before.categories.filter((t) => t.label !== '物品の提供').map((t) => (t.id === ibasho.id ? { id: t.id, label: '居場所・サロン' } : { id: t.id, label: t.label }));
    const after = await clerkB.json<Terms>('PUT', `/api/spaces/${spaceB}/taxonomies/categories`, { terms: [...kept, { label: '防災' }] });
    expect(after.categories.filter((t) => !t.retired).map((t) => t.label)).toEqual([...kept.map((t) => t.label), '防災']);
    expect(after.categories.find((t) => t.label === '物品の提供')?.retired).toBe(true);
    // The entry filed under 居場所 reads the new label: its id did not change.
    expect((await clerkB.json<{ categories: string[] }>('GET', `/api/resources/${resourceB}`)).categories).toEqual(['居場所・サロン']);
    const refused = await clerkB.request('POST', `/api/organizations/${orgB}/resources`, { name: 'x', categories: ['物品の提供'], audiences: [], status: 'active' });
    expect(refused.status).toBe(400);
    expect((await clerkB.request('POST', `/api/organizations/${orgB}/resources`, { name: '防災訓練', categories: ['防災'], audiences: ['誰でも'], status: 'active' })).status).toBe(201);
    expect((await clerkB.request('PUT', `/api/spaces/${spaceB}/taxonomies/categories`, { terms: [{ label: '防災' }, { label: '防災' }] })).status).toBe(400);
    expect((await clerkB.request('PUT', `/api/spaces/${spaceB}/taxonomies/planets`, { terms: [] })).status).toBe(404);
  });
});

describe('CSV import and export', () => {
  const header = '団体名,ふりがな,会員種別,団体の種類,地区,担当者,メール,電話,ウェブサイト,備考\r\n';

  it('imports a Shift_JIS list from Excel after a preview, with CP932 characters intact', async () => {
    const csv = header + '㈱髙橋商店,たかはししょうてん,パートナー会員,企業,南地区、東地区,髙橋 ①,takahashi@example.jp,045-111-2222,,老舗\r\n"NPO法人 ""ひだまり""",ひだまり,関係会員,NPO・市民活動団体,南地区,,,,https://hidamari.example.jp,\r\n';
    const preview = await rawPost(clerkA, `/api/spaces/${spaceA}/organizations/import?preview=1`, sjis(csv));
    expect(preview.status).toBe(200);
    const body = (await preview.json()) as { encoding: string; rows: Array<Record<string, unknown>>; ignoredColumns: string[] };
    expect(body.encoding).toBe('Shift_JIS');
    expect(body.ignoredColumns).toEqual(['備考']);
    expect(body.rows).toEqual([
      expect.objectContaining({ line: 2, name: '㈱髙橋商店', membership: 'partner', organizationType: 'company', districts: ['南地区', '東地区'], contactName: '髙橋 ①' }),
      expect.objectContaining({ line: 3, name: 'NPO法人 "ひだまり"', membership: 'relation', organizationType: 'npo', url: 'https://hidamari.example.jp' }),
    ]);
    // The preview stored nothing.
    const before = await clerkA.json<OrganizationView[]>('GET', `/api/spaces/${spaceA}/organizations`);
    expect(before.some((o) => o.name === '㈱髙橋商店')).toBe(false);

    const done = await rawPost(clerkA, `/api/spaces/${spaceA}/organizations/import`, sjis(csv));
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ imported: 2, encoding: 'Shift_JIS' });
    const after = await clerkA.json<OrganizationView[]>('GET', `/api/spaces/${spaceA}/organizations`);
    expect(after.find((o) => o.name === '㈱髙橋商店')).toMatchObject({ kana: 'たかはししょうてん', districts: ['南地区', '東地区'], email: 'takahashi@example.jp' });
  });

  it('names the bad row of a Shift_JIS list by its line and imports none of its rows', async () => {
    const csv = header + 'さくら会,さくらかい,協議会員,自治会・町内会,西地区,,,,,\r\nもみじ会,もみじかい,特別会員,自治会・町内会,西地区,,,,,\r\n';
    const res = await rawPost(clerkA, `/api/spaces/${spaceA}/organizations/import`, sjis(csv));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { rows: Array<{ line: number; message: string }> };
    expect(body.rows).toEqual([{ line: 3, message: expect.stringContaining('特別会員') }]);
    const list = await clerkA.json<OrganizationView[]>('GET', `/api/spaces/${spaceA}/organizations`);
    expect(list.some((o) => o.name === 'さくら会')).toBe(false);
  });

  it('reports every bad row of a UTF-8 (BOM) list by its line and imports nothing', async () => {
    const csv =
      'name,kana,membership,organization_type,districts\n' +
      'よつば会,よつばかい,council,jichikai,北地区\n' +
      '"改行を含む\n団体",,正会員,npo,\n' + // lines 3–4: an unknown membership kind
      'みどり会,,none,宇宙団体,\n' + // line 5: an unknown organisation type
      ',,none,npo,\n' + // line 6: no name
      'あおば会,,none,npo,\n'; // line 7: already a member
    const res = await rawPost(clerkA, `/api/spaces/${spaceA}/organizations/import`, utf8Bom(csv));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string }; rows: Array<{ line: number; message: string }> };
    expect(body.error.code).toBe('bad_request');
    expect(body.rows.map((r) => r.line)).toEqual([3, 5, 6, 7]);
    expect(body.rows[0].message).toMatch(/会員種別/);
    expect(body.rows[1].message).toMatch(/団体の種類/);
    // In the clerk's words (Japanese unless English is asked for), naming the column to fix.
    expect(body.rows[2].message).toBe('団体名がありません。');
    expect(body.rows[3].message).toBe('「あおば会」はすでに会員団体として登録されています。');
    const list = await clerkA.json<OrganizationView[]>('GET', `/api/spaces/${spaceA}/organizations`);
    expect(list.some((o) => o.name === 'よつば会')).toBe(false);
  });

  it('refuses a file that is neither UTF-8 nor Shift_JIS, and one without a name column', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from(new TextEncoder().encode('name')).flatMap((b) => [b, 0])]);
    const bad = await rawPost(clerkA, `/api/spaces/${spaceA}/organizations/import`, utf16);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { rows: Array<{ line: number }> }).rows).toEqual([expect.objectContaining({ line: 1 })]);
    const noName = await rawPost(clerkA, `/api/spaces/${spaceA}/organizations/import`, utf8Bom('ふりがな\nあ\n'));
    expect(noName.status).toBe(400);
    expect(((await facA.request('POST', `/api/spaces/${spaceA}/organizations/import`)).status)).toBe(403);
  });

  it('exports the import’s columns as CSV and JSON, and the CSV imports again', async () => {
    const res = await facA.request('GET', `/api/spaces/${spaceA}/organizations.csv`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\ufeff団体名,ふりがな,会員種別,団体の種類,地区,担当者,メール,電話,ウェブサイト\r\n')).toBe(true);
    expect(text).toContain('㈱髙橋商店,たかはししょうてん,パートナー会員,企業,南地区、東地区,髙橋 ①,takahashi@example.jp,045-111-2222,');
    const json = await facA.json<OrganizationView[]>('GET', `/api/spaces/${spaceA}/organizations.json`);
    expect(json.map((o) => o.name)).toEqual((await facA.json<OrganizationView[]>('GET', `/api/spaces/${spaceA}/organizations`)).map((o) => o.name));
    // Into an empty space, the export is a valid import of the same list.
    const back = await rawPost(clerkB, `/api/spaces/${spaceB}/organizations/import?preview=1`, new TextEncoder().encode(text));
    expect(back.status).toBe(200);
    expect(((await back.json()) as { rows: unknown[] }).rows).toHaveLength(json.length);
  });
});
