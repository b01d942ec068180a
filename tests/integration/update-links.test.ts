import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeView, OrganizationView, ResourceView } from '../../shared/schemas/directory';
import type { SpaceRef } from '../../shared/schemas/spaces';
import { ApiClient } from '../support/api';
import { startTestServer, type TestServer } from '../support/server';

/** A member keeps its own entries current through its personal update link, without an account. */
let server: TestServer;
let clerk: ApiClient;
let space: string;
let orgId: string;
let otherOrg: string;
let resourceId: string;
let otherResource: string;

/** Call the link holder's API as a member would: no cookie, only the token in the path. */
async function asMember(method: string, token: string, rest = '', body?: unknown): Promise<Response> {
  return fetch(`${server.url}/api/update-links/${token}${rest}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
}
const tokenOf = (url: string) => new URL(url).pathname.replace('/u/', '');

beforeAll(async () => {
  server = await startTestServer({ publicUrl: 'http://yoriai.example.jp' });
  clerk = new ApiClient(server.url);
  await clerk.login();
  [{ id: space }] = await clerk.json<SpaceRef[]>('GET', '/api/spaces');
  ({ id: orgId } = await clerk.json<{ id: string }>('POST', `/api/spaces/${space}/organizations`, { name: 'ひだまりの会', membership: 'partner', organizationType: 'npo', phone: '045-1' }, 201));
  ({ id: otherOrg } = await clerk.json<{ id: string }>('POST', `/api/spaces/${space}/organizations`, { name: '別の会', membership: 'none', organizationType: 'npo' }, 201));
  ({ id: resourceId } = await clerk.json<{ id: string }>('POST', `/api/organizations/${orgId}/resources`, { name: 'ひだまりサロン', categories: ['居場所'], audiences: ['高齢者'], schedule: { rrule: 'FREQ=WEEKLY;BYDAY=WE', opensAt: '15:00', closesAt: '18:00' }, status: 'active' }, 201));
  ({ id: otherResource } = await clerk.json<{ id: string }>('POST', `/api/organizations/${otherOrg}/resources`, { name: '別の項目', categories: ['相談'], audiences: [], status: 'active' }, 201));
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('update links', () => {
  it('lets the member read and edit its entries, add one and confirm them; every change is logged as the link', async () => {
    const link = await clerk.json<{ url: string; expiresAt: string }>('POST', `/api/organizations/${orgId}/update-link`, undefined, 201);
    expect(link.url).toMatch(/^http:\/\/yoriai\.example\.jp\/u\/[A-Za-z0-9_-]{40,}$/);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(364 * 86400_000);
    const token = tokenOf(link.url);
    // Only a hash is stored.
    const stored = await server.app.database.db.selectFrom('update_links').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);

    const view = await asMember('GET', token);
    expect(view.status).toBe(200);
    expect(view.headers.get('cache-control')).toBe('no-store');
    const body = (await view.json()) as { organization: OrganizationView; resources: ResourceView[]; taxonomies: { categories: unknown[] } };
    expect(body.organization.name).toBe('ひだまりの会');
    expect(body.resources.map((r) => r.name)).toEqual(['ひだまりサロン']);
    expect(body.taxonomies.categories.length).toBeGreaterThan(5);

    // The member changes the schedule, its phone (not its membership kind), adds an entry, confirms.
    const changed = await asMember('PATCH', token, `/resources/${resourceId}`, { schedule: { rrule: 'FREQ=MONTHLY;BYDAY=2SA', opensAt: '10:00', closesAt: '12:00' } });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as ResourceView).schedule?.textJa).toBe('毎月第2土曜 10:00–12:00');
    const org = await asMember('PATCH', token, '/organization', { phone: '045-2', membership: 'relation' });
    expect(((await org.json()) as OrganizationView)).toMatchObject({ phone: '045-2', membership: 'partner' });
    const added = await asMember('POST', token, '/resources', { name: '夏休み学習会', categories: ['学習支援'], audiences: ['こども'], status: 'active', published: true });
    expect(added.status).toBe(201);
    // Another organisation's resource is not this link's (404), and stays as it was.
    expect((await asMember('PATCH', token, `/resources/${otherResource}`, { name: '乗っ取り' })).status).toBe(404);
    expect((await clerk.json<ResourceView>('GET', `/api/resources/${otherResource}`)).name).toBe('別の項目');
    // Bad input is a 400 here too.
    expect((await asMember('PATCH', token, `/resources/${resourceId}`, { schedule: { rrule: 'FREQ=HOURLY' } })).status).toBe(400);

    await server.app.database.db.updateTable('resources').set({ last_confirmed_on: '2024-04-01' }).where('organization_id', '=', orgId).execute();
    const confirmed = await asMember('POST', token, '/confirm');
    expect(confirmed.status).toBe(200);
    const { confirmedOn, resources } = (await confirmed.json()) as { confirmedOn: string; resources: number };
    expect(resources).toBe(2);
    expect(confirmedOn).toBe(new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10));
    expect((await clerk.json<ResourceView>('GET', `/api/resources/${resourceId}`)).lastConfirmedOn).toBe(confirmedOn);

    const page = await clerk.json<{ changes: ChangeView[]; updateLink: { open: boolean; lastUsedAt: string | null } }>('GET', `/api/organizations/${orgId}`);
    expect(page.updateLink).toMatchObject({ open: true, lastUsedAt: expect.any(String) });
    const byLink = page.changes.filter((c) => c.by === `link:${orgId}`);
    expect(byLink).toEqual(expect.arrayContaining([
      expect.objectContaining({ entity: 'resource', entityId: resourceId, field: 'schedule', before: 'FREQ=WEEKLY;BYDAY=WE 15:00–18:00', after: 'FREQ=MONTHLY;BYDAY=+2SA 10:00–12:00', byName: 'ひだまりの会' }),
      expect.objectContaining({ entity: 'organization', field: 'phone', before: '045-1', after: '045-2' }),
      expect.objectContaining({ entity: 'resource', entityId: resourceId, field: 'lastConfirmedOn', before: '2024-04-01', after: confirmedOn }),
      expect.objectContaining({ entity: 'resource', field: 'name', before: null, after: '夏休み学習会' }),
    ]));
    expect(byLink.some((c) => c.field === 'membership')).toBe(false);
  });

  it('stops a link that was replaced or revoked (410), and an unknown token is a 404', async () => {
    const first = tokenOf((await clerk.json<{ url: string }>('POST', `/api/organizations/${orgId}/update-link`, undefined, 201)).url);
    const second = tokenOf((await clerk.json<{ url: string }>('POST', `/api/organizations/${orgId}/update-link`, undefined, 201)).url);
    expect((await asMember('GET', first)).status).toBe(410);
    expect((await asMember('GET', second)).status).toBe(200);
    expect((await clerk.request('DELETE', `/api/organizations/${orgId}/update-link`)).status).toBe(204);
    const revoked = await asMember('PATCH', second, `/resources/${resourceId}`, { name: '取り消し後' });
    expect(revoked.status).toBe(410);
    expect(await revoked.json()).toMatchObject({ error: { code: 'link_expired' } });
    expect((await clerk.json<ResourceView>('GET', `/api/resources/${resourceId}`)).name).toBe('ひだまりサロン');
    expect((await clerk.json<{ updateLink: { open: boolean } }>('GET', `/api/organizations/${orgId}`)).updateLink.open).toBe(false);
    expect((await asMember('GET', 'A'.repeat(43))).status).toBe(404);
    expect((await asMember('GET', 'short')).status).toBe(400);
  });

  it('stops a link once it has expired', async () => {
    const token = tokenOf((await clerk.json<{ url: string }>('POST', `/api/organizations/${otherOrg}/update-link`, undefined, 201)).url);
    expect((await asMember('POST', token, '/confirm')).status).toBe(200);
    await server.app.database.db.updateTable('update_links').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('organization_id', '=', otherOrg).execute();
    expect((await asMember('POST', token, '/confirm')).status).toBe(410);
    expect((await asMember('GET', token)).status).toBe(410);
  });
});
