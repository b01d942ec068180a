import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ORGANIZATION_TYPES } from '../../shared/organization-types';
import { ApiClient, createSessionAsAdmin, joinAs } from '../support/api';
import { startTestServer, type TestServer } from '../support/server';

type Entry = { id: string; label: string; labelJa: string; labelEn: string; retired: boolean };

describe('organisation types as data', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  async function adminClient() {
    const admin = new ApiClient(server.url);
    await admin.login();
    return admin;
  }
  const offered = async (lang = 'ja') => (await fetch(`${server.url}/api/organization-types`, { headers: { 'accept-language': lang } }).then((r) => r.json())) as Array<{ id: string; label: string }>;
  const join = (joinCode: string, organizationType: string) =>
    fetch(`${server.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ joinCode, displayName: '', organizationType }) });

  it("offers today's list and the city's categories, その他 last, labelled in the request's language", async () => {
    server = await startTestServer();
    const ja = await offered('ja');
    expect(ja.map((t) => t.id)).toEqual([...DEFAULT_ORGANIZATION_TYPES]);
    expect(ja.at(-1)).toEqual({ id: 'other', label: 'その他' });
    expect(ja.map((t) => t.label)).toEqual(expect.arrayContaining(['こども食堂運営団体', '相談機関', '民生委員・児童委員', '自治会・町内会', '地域包括支援センター', '社会福祉法人']));
    expect((await offered('en')).find((t) => t.id === 'minsei-iin')?.label).toBe('Welfare / child commissioner');
    const res = await join('000000', 'kodomo-shokudo');
    expect(res.status).toBe(404); // a valid type: only the code is wrong
  });

  it('offers a type the admin added at once, before その他, and a participant joins with it', async () => {
    server = await startTestServer();
    const admin = await adminClient();
    const { session } = await createSessionAsAdmin(server.url);
    expect((await join(session.joinCode, 'kosodate-shien')).status).toBe(400);

    const added = await admin.json<Entry>('POST', '/api/organization-types', { id: 'kosodate-shien', labelJa: '子育て支援団体', labelEn: 'Parenting support group' }, 201);
    expect(added).toMatchObject({ id: 'kosodate-shien', label: '子育て支援団体', retired: false });
    const ids = (await offered()).map((t) => t.id);
    expect(ids.slice(-2)).toEqual(['kosodate-shien', 'other']);

    // Three people: figures by type hide smaller groups.
    for (let i = 0; i < 3; i++) expect((await join(session.joinCode, 'kosodate-shien')).status).toBe(201);
    const report = await admin.json<{ participants: { byOrganizationType: Record<string, number> } }>('GET', `/api/sessions/${session.id}/report`);
    expect(report.participants.byOrganizationType).toEqual({ 'kosodate-shien': 3 });
    // The facilitator's proxy entry checks the same list.
    expect((await admin.request('POST', `/api/sessions/${session.id}/participants`, { displayName: '紙の人', organizationType: 'kosodate-shien' })).status).toBe(201);
    expect((await admin.request('POST', `/api/sessions/${session.id}/participants`, { displayName: '紙の人', organizationType: 'nothing-such' })).status).toBe(400);
  });

  it('renames a type without changing its id; only the admin manages types', async () => {
    server = await startTestServer();
    const admin = await adminClient();
    const { session } = await createSessionAsAdmin(server.url);
    // Three people: figures by type hide smaller groups.
    for (const name of ['住民1', '住民2', '住民3']) await joinAs(server.url, session.joinCode, name, 'resident');
    await admin.json('PATCH', '/api/organization-types/resident', { labelJa: '地域住民・個人', labelEn: 'Local resident' });
    expect((await offered('ja')).find((t) => t.id === 'resident')?.label).toBe('地域住民・個人');
    expect(await (await admin.request('GET', `/api/sessions/${session.id}/export.md`)).text()).toContain('| 地域住民・個人 | 3 |');
    expect((await offered('en')).find((t) => t.id === 'resident')?.label).toBe('Local resident');

    await admin.json('POST', '/api/users', { email: 'fac@example.jp', password: 'a long enough password', displayName: '進行役', role: 'facilitator' }, 201);
    const facilitator = new ApiClient(server.url);
    await facilitator.login('fac@example.jp', 'a long enough password');
    expect((await facilitator.request('POST', '/api/organization-types', { id: 'x', labelJa: 'x', labelEn: 'x' })).status).toBe(403);
    expect((await facilitator.request('PATCH', '/api/organization-types/npo', { retired: true })).status).toBe(403);
    expect((await new ApiClient(server.url).request('GET', '/api/organization-types/all')).status).toBe(401);
    expect((await admin.request('POST', '/api/organization-types', { id: 'npo', labelJa: '重複', labelEn: 'dup' })).status).toBe(409);
    expect((await admin.request('POST', '/api/organization-types', { id: 'Bad Id', labelJa: 'x', labelEn: 'x' })).status).toBe(400);
    expect((await admin.request('PATCH', '/api/organization-types/nothing-such', { retired: true })).status).toBe(404);
  });

  it('does not offer a retired type, refuses a join with it, and keeps it with its label in last year’s figures', async () => {
    server = await startTestServer();
    const admin = await adminClient();
    const { session: lastYear } = await createSessionAsAdmin(server.url, '昨年度の作業部会');
    await admin.json('PATCH', `/api/sessions/${lastYear.id}`, { heldOn: '2025-11-20' });
    for (let i = 0; i < 3; i++) await joinAs(server.url, lastYear.joinCode, `宗教者${i}`, 'religious');
    for (let i = 0; i < 3; i++) await joinAs(server.url, lastYear.joinCode, `NPO${i}`, 'npo');
    await admin.request('POST', `/api/sessions/${lastYear.id}/close`);

    await admin.json('PATCH', '/api/organization-types/religious', { retired: true });
    expect((await offered()).map((t) => t.id)).not.toContain('religious');
    const { session: thisYear } = await createSessionAsAdmin(server.url, '今年度の作業部会');
    const refused = await join(thisYear.joinCode, 'religious');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'bad_request' } });

    const stats = await admin.json<{ sessions: Array<{ sessionId: string; byOrganizationType: Record<string, number> }> }>('GET', '/api/stats');
    expect(stats.sessions.find((s) => s.sessionId === lastYear.id)?.byOrganizationType).toMatchObject({ religious: 3, npo: 3 });
    const all = await admin.json<Entry[]>('GET', '/api/organization-types/all');
    expect(all.find((t) => t.id === 'religious')).toMatchObject({ label: '宗教団体（寺社など）', retired: true });
    const markdown = await (await admin.request('GET', `/api/sessions/${lastYear.id}/export.md`)).text();
    expect(markdown).toContain('宗教団体（寺社など）');

    // Brought back, it is offered again under the same id.
    await admin.json('PATCH', '/api/organization-types/religious', { retired: false });
    expect((await join(thisYear.joinCode, 'religious')).status).toBe(201);
  });
});
