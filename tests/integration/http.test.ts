import { afterEach, describe, expect, it } from 'vitest';
import { ORGANIZATION_TYPES } from '../../shared/organization-types';
import type { SessionView } from '../../shared/schemas/api';
import { ApiClient, createSessionAsAdmin, joinAs } from '../support/api';
import { ADMIN, startTestServer, type TestServer } from '../support/server';

describe('REST', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.close();
  });

  it('answers /healthz', async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('offers first-visit set-up only while there is no account', async () => {
    server = await startTestServer({ adminEmail: undefined, adminPassword: undefined });
    const api = new ApiClient(server.url);
    expect(await api.json('GET', '/api/setup')).toEqual({ needed: true });
    const account = await api.json('POST', '/api/setup', { email: 'Clerk@City.example.jp', password: 'long enough pw', displayName: '事務局' }, 201);
    expect(account).toMatchObject({ email: 'clerk@city.example.jp', role: 'admin', displayName: '事務局' });
    expect(await api.json('GET', '/api/auth/me')).toMatchObject({ role: 'admin' });
    expect(await api.json('GET', '/api/setup')).toEqual({ needed: false });
    const again = await new ApiClient(server.url).request('POST', '/api/setup', { email: 'x@example.jp', password: 'long enough pw', displayName: 'x' });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: { code: 'setup_done', message: expect.any(String) } });
  });

  it('logs in with an httpOnly SameSite cookie, refuses wrong passwords, and logs out', async () => {
    server = await startTestServer();
    const wrong = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: 'nope' }),
    });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('unauthorized');

    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const api = new ApiClient(server.url);
    await api.login();
    expect((await api.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await api.request('POST', '/api/auth/logout')).status).toBe(204);
    expect((await api.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('creates sessions only for signed-in facilitators and admins', async () => {
    server = await startTestServer();
    const anonymous = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'x' }),
    });
    expect(anonymous.status).toBe(401);

    const { api } = await createSessionAsAdmin(server.url);
    const session = await api.json<SessionView>('POST', '/api/sessions', { title: '既定のテンプレート' }, 201);
    expect(session).toMatchObject({ template: 'community-lab', status: 'open', tableMode: 'none' });
    expect(session.phases.map((p) => p.key)).toEqual(['opening', 'purpose', 'persona', 'issues', 'ideas', 'opinions', 'grouping', 'share', 'reflection', 'closing']);
    expect(session.joinCode).toMatch(/^\d{6}$/);
    expect(session.joinUrl).toMatch(new RegExp(`/j/${session.joinCode}$`));
    expect(session.boards).toEqual([{ room: `${session.id}.main`, name: '全体ボード', kind: 'main', theme: '' }]);
    const qr = await api.request('GET', `/api/sessions/${session.id}/qr.svg`);
    expect(qr.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(await qr.text()).toMatch(/<svg/);

    await api.json('POST', '/api/users', { email: 'fac@example.jp', password: 'facilitator pw', displayName: '進行役', role: 'facilitator' }, 201);
    const fac = new ApiClient(server.url);
    await fac.login('fac@example.jp', 'facilitator pw');
    expect((await fac.request('GET', `/api/sessions/${session.id}/token`)).status).toBe(403);
    expect((await fac.request('POST', '/api/users', { email: 'y@example.jp', password: 'yyyyyyyy', displayName: 'y' })).status).toBe(403);
    const own = await fac.json<{ id: string }>('POST', '/api/sessions', { title: '自分の会' }, 201);
    expect((await fac.json<Array<{ id: string }>>('GET', '/api/sessions')).map((s) => s.id)).toEqual([own.id]);
    expect((await api.json<unknown[]>('GET', '/api/sessions')).length).toBe(3);
    const bad = await fac.request('POST', '/api/sessions', { title: 'x', template: 'nope' });
    expect(bad.status).toBe(400);
  });

  it('joins with a code, refuses wrong codes with 404 and repeated wrong codes with 429', async () => {
    // The default budget is 300 wrong codes per address (a venue shares one); 30 keeps this short.
    server = await startTestServer({ joinWrongPerAddress: 30 });
    const { session } = await createSessionAsAdmin(server.url);
    const joined = await joinAs(server.url, session.joinCode, '', 'religious');
    expect(joined).toMatchObject({ sessionId: session.id, boards: session.boards, displayName: '', room: null, tableMode: 'none', scribe: false });
    const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${joined.token}` } });
    expect(await me.json()).toMatchObject({ sessionId: session.id, role: 'participant', organizationType: 'religious' });
    expect((await fetch(`${server.url}/api/me`, { headers: { authorization: 'Bearer junk' } })).status).toBe(401);

    const wrongCode = session.joinCode === '000000' ? '000001' : '000000';
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await fetch(`${server.url}/api/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ joinCode: wrongCode, displayName: 'x', organizationType: 'npo' }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('lists the organisation types in the language asked for', async () => {
    server = await startTestServer();
    const ja = await (await fetch(`${server.url}/api/organization-types`, { headers: { 'accept-language': 'ja-JP' } })).json();
    const en = await (await fetch(`${server.url}/api/organization-types?lang=en`)).json();
    expect(ja.map((t: { id: string }) => t.id)).toEqual([...ORGANIZATION_TYPES]);
    expect(ja.find((t: { id: string }) => t.id === 'social_welfare_council').label).toBe('社会福祉協議会');
    expect(en.find((t: { id: string }) => t.id === 'social_welfare_council').label).toBe('Social welfare council');
  });

  it('answers bad bodies with clear errors', async () => {
    server = await startTestServer();
    const post = (body: string) =>
      fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const malformed = await post('{"email":');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('bad_request');
    const huge = await post(JSON.stringify({ email: 'a@b.jp', password: 'x'.repeat(400_000) }));
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('too_large');
    const invalid = await post(JSON.stringify({ email: 'not an email' }));
    expect(invalid.status).toBe(400);
    const unknown = await fetch(`${server.url}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
  });

  it('refuses cookie-authenticated writes from another origin', async () => {
    server = await startTestServer();
    const api = new ApiClient(server.url);
    await api.login();
    const forged = await api.request('POST', '/api/sessions', { title: 'x' }, { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    const same = await api.request('POST', '/api/sessions', { title: 'x' }, { origin: server.url });
    expect(same.status).toBe(201);
  });

  it('serves a CSP without unsafe-inline scripts', async () => {
    server = await startTestServer();
    const csp = (await fetch(`${server.url}/healthz`)).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});
