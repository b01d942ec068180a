import { describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api';
import { useTestServer } from '../support/lifecycle';
import { ADMIN, startTestServer } from '../support/server';

async function signIn(url: string, email: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return new ApiClient(url).request('POST', '/api/auth/login', { email, password }, headers);
}

describe('sign-in limits', () => {
  const t = useTestServer({ loginFailuresPerAddress: 12 });

  it('answers 429 with Retry-After after five wrong passwords for one account, even to the right one', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn(t.server.url, ADMIN.email, `wrong password ${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const limited = await signIn(t.server.url, ADMIN.email, 'wrong password 6');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Locked: the right password waits too, or a guesser would learn it here.
    expect((await signIn(t.server.url, ADMIN.email, ADMIN.password)).status).toBe(429);
  });

  it("starts an account's count again after a successful sign-in", async () => {
    const statuses: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) statuses.push((await signIn(t.server.url, ADMIN.email, `wrong ${round} ${i}`)).status);
      statuses.push((await signIn(t.server.url, ADMIN.email, ADMIN.password)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 200, 401, 401, 401, 401, 200]);
  });

  it('limits failed sign-ins per address across accounts, whatever X-Forwarded-For says', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) {
      const res = await signIn(t.server.url, `nobody${i}@example.jp`, 'not a password', { 'x-forwarded-for': `203.0.113.${i}` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 12).every((s) => s === 401)).toBe(true);
    expect(statuses[12]).toBe(429);
  });

  it('keeps one audit row per account and window for failed sign-ins, with their count', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn(t.server.url, ADMIN.email, `wrong ${i}`)).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await signIn(t.server.url, 'stranger@example.jp', `wrong ${i}`)).status).toBe(401);
    const admin = new ApiClient(t.server.url);
    await admin.login();
    const audit = await admin.json<Array<{ action: string; detail: { count: number; emails: string[] } }>>('GET', '/api/audit');
    const failed = audit.filter((a) => a.action === 'account.login_failed');
    expect(failed.map((a) => a.detail.count).sort()).toEqual([2, 3]);
    expect(failed.find((a) => a.detail.count === 3)!.detail.emails).toEqual([ADMIN.email]);
    expect(audit.some((a) => a.action === 'account.login')).toBe(true);
  });

  it('refuses a password shorter than 12 characters wherever one is set, with a clear message', async () => {
    const admin = new ApiClient(t.server.url);
    await admin.login();
    const weak = await admin.request('POST', '/api/users', { email: 'fac@example.jp', password: '12345678', displayName: '進行役' });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toEqual({ error: { code: 'weak_password', message: 'the password needs at least 12 characters (it has 8)' } });
    await admin.json('POST', '/api/users', { email: 'fac@example.jp', password: 'twelve chars', displayName: '進行役' }, 201);
  });
});

describe('sign-in set-up', () => {
  it('refuses a weak password on the first-visit set-up page', async () => {
    const server = await startTestServer({ adminEmail: undefined, adminPassword: undefined });
    try {
      const api = new ApiClient(server.url);
      const weak = await api.request('POST', '/api/setup', { email: 'clerk@city.example.jp', password: '12345678', displayName: '事務局' });
      expect(weak.status).toBe(400);
      expect(((await weak.json()) as { error: { code: string } }).error.code).toBe('weak_password');
      expect(await api.json<{ needed: boolean }>('GET', '/api/setup')).toEqual({ needed: true });
    } finally {
      await server.close();
    }
  });

  it('starts with a short YORIAI_ADMIN_PASSWORD (it warns) and signs in with it', async () => {
    const server = await startTestServer({ adminPassword: 'short' });
    try {
      expect((await signIn(server.url, ADMIN.email, 'short')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
