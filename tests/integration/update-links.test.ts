import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
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
/** The text of a single-part mail, decoded from base64 or quoted-printable as its header says. */
function bodyText(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const body = raw.slice(split + 4);
  if (/^Content-Transfer-Encoding: base64/im.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/^Content-Transfer-Encoding: quoted-printable/im.test(head)) {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
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

describe('mailing a link', () => {
  it('mails the link to the organisation when SMTP is configured, and says so when the server refuses', async () => {
    const received: Array<{ to: string[]; raw: string }> = [];
    let refuse = false;
    const smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (refuse) return callback(new Error('mailbox unavailable'));
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const mailing = await startTestServer({ publicUrl: 'http://yoriai.example.jp', smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: '事務局 <jimukyoku@example.jp>' });
    try {
      const api = new ApiClient(mailing.url);
      await api.login();
      const [{ id: spaceId }] = await api.json<SpaceRef[]>('GET', '/api/spaces');
      const { id } = await api.json<{ id: string }>('POST', `/api/spaces/${spaceId}/organizations`, { name: 'ひだまりの会', membership: 'partner', organizationType: 'npo', email: 'hidamari@example.jp' }, 201);
      const { id: noMail } = await api.json<{ id: string }>('POST', `/api/spaces/${spaceId}/organizations`, { name: '連絡先なしの会', membership: 'none', organizationType: 'npo' }, 201);
      expect((await api.json<{ canMail: boolean }>('GET', `/api/organizations/${id}`)).canMail).toBe(true);

      const sent = await api.json<{ url: string; mailedTo: string }>('POST', `/api/organizations/${id}/update-link`, { mail: true }, 201);
      expect(sent.mailedTo).toBe('hidamari@example.jp');
      expect(received).toHaveLength(1);
      expect(received[0].to).toEqual(['hidamari@example.jp']);
      const text = bodyText(received[0].raw);
      expect(text).toContain(sent.url);
      expect(text).toContain('ひだまりの会 ご担当者様');
      expect(received[0].raw).toMatch(/^Subject: =\?UTF-8\?/m);

      expect((await api.request('POST', `/api/organizations/${noMail}/update-link`, { mail: true })).status).toBe(400);
      refuse = true;
      const failed = await api.json<{ url: string; mailError: string }>('POST', `/api/organizations/${id}/update-link`, { mail: true }, 201);
      expect(failed.mailError).toMatch(/copy or print/);
      expect((await fetch(`${mailing.url}/api/update-links/${tokenOf(failed.url)}`)).status).toBe(200);
    } finally {
      await mailing.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
    // Without SMTP, asking to mail is a 400 and the page says it cannot.
    expect((await clerk.request('POST', `/api/organizations/${orgId}/update-link`, { mail: true })).status).toBe(400);
    expect((await clerk.json<{ canMail: boolean }>('GET', `/api/organizations/${orgId}`)).canMail).toBe(false);
  });
});
