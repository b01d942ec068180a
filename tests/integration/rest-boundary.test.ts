import net from 'node:net';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../server/http/api-routes';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { useTestServer } from '../support/lifecycle';
import { ADMIN } from '../support/server';

/** Send one raw HTTP request (any bytes in the path) and read the status line and body. */
function rawRequest(url: string, head: string, { firstChunk = false } = {}): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(head));
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (firstChunk) socket.destroy();
    });
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text }));
    socket.on('error', reject);
  });
}

/** A websocket upgrade; resolves when the server closes the socket (or, `firstChunk`, when it first answers). */
const upgradeTo = (url: string, path: string, options: { firstChunk?: boolean } = {}) => {
  const { host } = new URL(url);
  return rawRequest(
    url,
    `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    options,
  );
};

const get = (url: string, path: string, cookie = '') => {
  const { host } = new URL(url);
  return rawRequest(url, `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n${cookie ? `Cookie: ${cookie}\r\n` : ''}\r\n`);
};

const bodyOf = (text: string) => text.slice(text.indexOf('\r\n\r\n') + 4);

describe('REST and URL boundary', () => {
  const test = useTestServer();

  it('answers 400 to a malformed percent-escape in a websocket path and keeps serving', async () => {
    const { session } = await createSessionAsAdmin(test.server.url);
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    for (const path of ['/yjs/%E0', `/yjs/${session.id}.main%E0%A4%A?token=${p.token}`, `/yjs/${session.id}.main?token=%ZZ`, '/yjs/%', '/%E0', '//yjs/x']) {
      const res = await upgradeTo(test.server.url, path);
      expect(res.status, path).toBe(400);
    }
    // socket.io's engine answers its own path; whatever it says, the process lives on.
    await upgradeTo(test.server.url, '/socket.io/?EIO=4&transport=websocket&x=%E0', { firstChunk: true });
    expect((await fetch(`${test.server.url}/healthz`)).status).toBe(200);
  });

  it('answers a request head too large for the HTTP parser with 431 and the JSON error format', async () => {
    const { host } = new URL(test.server.url);
    const res = await rawRequest(test.server.url, `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nX-Pad: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(JSON.parse(res.text.slice(res.text.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'too_large', message: 'request head too large' } });
    const broken = await rawRequest(test.server.url, 'GARBAGE\r\n\r\n');
    expect(broken.status).toBe(400);
    expect(broken.text).toContain('"bad_request"');
    expect((await fetch(`${test.server.url}/healthz`)).status).toBe(200);
  });

  it('answers 400 bad_request to a malformed percent-escape in any HTTP path or query', async () => {
    const { api, session } = await createSessionAsAdmin(test.server.url);
    const cookie = (api as unknown as { cookie: string }).cookie;
    const paths = [
      '/api/sessions/%E0%A4%A',
      `/api/sessions/${session.id}/export/%E0.csv`,
      '/api/actions/%E0',
      '/api/archive?q=%E0',
      '/api/sessions?lang=%E0%A4',
      '/%E0',
      '/j/%E0',
      '/assets/%E0.js',
      '/healthz?x=%',
    ];
    for (const path of paths) {
      const res = await get(test.server.url, path, cookie);
      expect(res.status, path).toBe(400);
      expect(JSON.parse(bodyOf(res.text)), path).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    }
    expect((await fetch(`${test.server.url}/healthz`)).status).toBe(200);
  });

  it('answers 400 to a path parameter outside its declared charset or length, before any handler', async () => {
    const { api, session } = await createSessionAsAdmin(test.server.url);
    const cases: Array<[string, string]> = [
      ['GET', `/api/sessions/${'a'.repeat(300)}`],
      ['GET', '/api/sessions/a%20b'],
      ['GET', '/api/sessions/%E3%81%82'],
      ['PATCH', `/api/sessions/${session.id}/decisions/%00`],
      ['PATCH', `/api/sessions/${session.id}/decisions/bad%20id`],
      ['PATCH', '/api/actions/..%2F..'],
      ['DELETE', `/api/sessions/${session.id}/participants/a.b`],
    ];
    for (const [method, path] of cases) {
      const res = await api.request(method, path, method === 'GET' || method === 'DELETE' ? undefined : { text: 'x' });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'bad_request' } });
    }
  });

  it('answers 404 to an export kind that is not in the list, and never leaks the service context', async () => {
    const { api, session } = await createSessionAsAdmin(test.server.url);
    for (const kind of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__']) {
      const res = await api.request('GET', `/api/sessions/${session.id}/export/${kind}.csv`);
      const text = await res.text();
      expect([400, 404], kind).toContain(res.status);
      expect(JSON.parse(text), kind).toMatchObject({ error: { code: expect.stringMatching(/^(not_found|bad_request)$/) } });
      expect(text).not.toContain(ADMIN.password);
      expect(text).not.toContain('adminPassword');
    }
    expect((await api.request('GET', `/api/sessions/${session.id}/export/cards.csv`)).status).toBe(200);
  });

  it('treats an empty session PATCH as a no-op that answers 200 with the session', async () => {
    const { api, session } = await createSessionAsAdmin(test.server.url);
    const res = await api.request('PATCH', `/api/sessions/${session.id}`, {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: session.id, title: session.title });
    const unknownOnly = await api.request('PATCH', `/api/sessions/${session.id}`, { nothingWeKnow: 1 });
    expect(unknownOnly.status).toBe(200);
    expect((await api.json<{ title: string }>('GET', `/api/sessions/${session.id}`)).title).toBe(session.title);
  });

  it('answers 4xx, never 500, to odd JSON bodies on every route that takes one', async () => {
    const { api, session } = await createSessionAsAdmin(test.server.url);
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    const decision = await api.json<{ id: string }>('POST', `/api/sessions/${session.id}/decisions`, { text: 'd' }, 201);
    const action = await api.json<{ id: string }>('POST', `/api/sessions/${session.id}/actions`, { title: 'a' }, 201);
    const S = `/api/sessions/${session.id}`;
    const routes: Array<[string, string]> = [
      ['POST', '/api/setup'], ['POST', '/api/auth/login'], ['POST', '/api/users'], ['POST', '/api/join'], ['POST', '/api/templates'],
      ['POST', '/api/sessions'], ['PATCH', S], ['PUT', `${S}/phases`], ['PUT', `${S}/tables`], ['POST', `${S}/participants`],
      ['PUT', `${S}/participants/${p.participantId}/table`], ['POST', `${S}/decisions`], ['PATCH', `${S}/decisions/${decision.id}`],
      ['POST', `${S}/actions`], ['PATCH', `${S}/actions/${action.id}`], ['POST', '/api/sessions/import'], ['PUT', `${S}/survey`],
      ['PATCH', `/api/actions/${action.id}`], ['POST', `/api/actions/${action.id}/notes`],
    ];
    const cookie = (api as unknown as { cookie: string }).cookie;
    for (const [method, path] of routes) {
      for (const body of ['{}', '[]', 'null', '"text"', '1e308', '{"title":{"$gt":""}}', '{"__proto__":{"x":1}}', '{']) {
        const res = await fetch(test.server.url + path, { method, headers: { 'content-type': 'application/json', cookie }, body });
        expect(res.status, `${method} ${path} ${body}`).toBeLessThan(500);
        expect(await res.json().catch(() => null), `${method} ${path} ${body}`).not.toMatchObject({ error: { code: 'internal' } });
      }
    }
    expect((await fetch(`${test.server.url}/healthz`)).status).toBe(200);
  });

  it('answers every declared route with random params and bodies without a 5xx, and stays up', async () => {
    const { api, session } = await createSessionAsAdmin(test.server.url);
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    const cookie = (api as unknown as { cookie: string }).cookie;
    // Logout would end the admin's cookie and turn the rest of the run into 401s.
    const routes = API_ROUTES.filter((r) => r.path !== '/api/auth/logout');
    const param = fc.oneof(
      fc.constantFrom(session.id, p.participantId, 'constructor', '__proto__', 'toString', 'cards', '..', '%E0', '%', '%2F', '%00', 'a'.repeat(300)),
      fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
    );
    const body = fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.constantFrom('{', '[', '"', '{"__proto__":{"admin":true}}', ''));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.array(param, { minLength: 3, maxLength: 3 }), body, fc.boolean(), async (route, values, text, asToken) => {
        let i = 0;
        const path = route.path.replace(/:(\w+)/g, () => values[i++]);
        const headers: Record<string, string> = { 'content-type': 'application/json', ...(asToken ? { authorization: `Bearer ${p.token}` } : { cookie }) };
        const res = await fetch(test.server.url + path, { method: route.method.toUpperCase(), headers, body: route.method === 'get' ? undefined : text });
        await res.arrayBuffer();
        expect(res.status, `${route.method.toUpperCase()} ${path} ${text}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    expect((await fetch(`${test.server.url}/healthz`)).status).toBe(200);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect((await api.request('GET', `/api/sessions/${session.id}/report`)).status).toBe(200);
  }, 60_000);
});
