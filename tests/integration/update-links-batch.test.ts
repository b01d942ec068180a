import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { SpaceRef } from '../../shared/schemas/spaces';
import { ApiClient } from '../support/api';
import { startTestServer, type TestServer } from '../support/server';

const tokenOf = (url: string) => new URL(url).pathname.replace('/u/', '');

describe('update links for the whole member list at once', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function mailServer() {
    const received: string[][] = [];
    const smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, session, callback) {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          received.push(session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
    return { received, url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}` };
  }

  async function withMembers(server: TestServer) {
    const clerk = new ApiClient(server.url);
    await clerk.login();
    const [{ id: space }] = await clerk.json<SpaceRef[]>('GET', '/api/spaces');
    const add = async (name: string, extra: object = {}) => (await clerk.json<{ id: string }>('POST', `/api/spaces/${space}/organizations`, { name, membership: 'partner', organizationType: 'npo', ...extra }, 201)).id;
    const mailed = await add('ひだまりの会', { email: 'hidamari@example.jp' });
    const paper = await add('こもれびの会');
    const former = await add('やめた会', { status: 'inactive' });
    return { clerk, space, mailed, paper, former };
  }

  it('makes a new link for every member still in, mails those with an address, and leaves the rest for paper', async () => {
    const smtp = await mailServer();
    const server = await startTestServer({ publicUrl: 'http://yoriai.example.jp', smtpUrl: smtp.url, mailFrom: '事務局 <jimukyoku@example.jp>' });
    closers.push(() => server.close());
    const { clerk, space, mailed, paper, former } = await withMembers(server);
    const old = await clerk.json<{ url: string }>('POST', `/api/organizations/${paper}/update-link`, {}, 201);

    const { links } = await clerk.json<{ links: Array<{ organizationId: string; name: string; url: string; mailedTo?: string }> }>('POST', `/api/spaces/${space}/update-links`, { mail: true }, 201);
    expect(links.map((l) => [l.name, l.mailedTo ?? null]).sort()).toEqual([
      ['こもれびの会', null],
      ['ひだまりの会', 'hidamari@example.jp'],
    ]);
    expect(links.some((l) => l.organizationId === former)).toBe(false);
    expect(smtp.received).toEqual([['hidamari@example.jp']]);
    // Each link opens its own organisation; the one made before is replaced.
    for (const link of links) {
      const res = await fetch(`${server.url}/api/update-links/${tokenOf(link.url)}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { organization: { id: string } }).organization.id).toBe(link.organizationId);
    }
    expect((await fetch(`${server.url}/api/update-links/${tokenOf(old.url)}`)).status).toBe(410);
    expect(links.find((l) => l.organizationId === mailed)).toBeDefined();
  });

  it('takes a chosen list, refuses one from another space, and refuses mail without SMTP', async () => {
    const server = await startTestServer();
    closers.push(() => server.close());
    const { clerk, space, paper, former } = await withMembers(server);
    const chosen = await clerk.json<{ links: Array<{ organizationId: string }> }>('POST', `/api/spaces/${space}/update-links`, { organizationIds: [former] }, 201);
    expect(chosen.links.map((l) => l.organizationId)).toEqual([former]);
    expect((await clerk.request('POST', `/api/spaces/${space}/update-links`, { organizationIds: [paper, 'not-here'] })).status).toBe(404);
    expect((await clerk.request('POST', `/api/spaces/${space}/update-links`, { mail: true })).status).toBe(400);
    // Nothing was replaced by the refused calls: the chosen link still opens.
    expect((await fetch(`${server.url}/api/update-links/${tokenOf((chosen.links[0] as unknown as { url: string }).url)}`)).status).toBe(200);
    const stranger = new ApiClient(server.url);
    expect((await stranger.request('POST', `/api/spaces/${space}/update-links`, {})).status).toBe(401);
  });
});
