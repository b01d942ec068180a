import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../server/http/api-routes';
import { ADMIN } from '../support/server';
import { useTestServer } from '../support/lifecycle';
import { createFuzzWorld, expectSessionReadable, fuzzSettings, fuzzTimeout, hostileBody, hostileQuery, hostileSegment } from './fuzz-support';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const;
type Auth = 'none' | 'admin' | 'participant' | 'observer' | 'facilitator-token' | 'junk-token';

/** One hostile request: a declared route with hostile params, or a random path; a method, a query, a body, a caller. */
const hostileRequest = (sessionId: string) =>
  fc.record({
    target: fc.oneof(
      { weight: 4, arbitrary: fc.record({ route: fc.constantFrom(...API_ROUTES.map((r) => ({ method: r.method, path: r.path }))), params: fc.array(fc.oneof(fc.constant(sessionId), hostileSegment), { minLength: 3, maxLength: 3 }) }) },
      { weight: 1, arbitrary: fc.record({ prefix: fc.constantFrom('/api/', '/api/sessions/', `/api/sessions/${sessionId}/`, '/yjs/', '/', '/j/', '/socket.io/'), rest: fc.array(hostileSegment, { maxLength: 4 }) }) },
    ),
    ownMethod: fc.boolean(),
    method: fc.constantFrom(...METHODS),
    query: hostileQuery,
    body: hostileBody,
    contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16'),
    auth: fc.constantFrom<Auth>('none', 'admin', 'admin', 'participant', 'observer', 'facilitator-token', 'junk-token'),
  });

/** Sign in as the admin and return the session cookie (null when sign-in is refused, e.g. throttled). */
async function loginCookie(url: string): Promise<string | null> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  return res.ok ? (res.headers.get('set-cookie') ?? '').split(';')[0] : null;
}

describe('hostile REST requests', () => {
  const test = useTestServer();

  it(
    'answers every route, param, query and body with a status below 500 and a JSON error, and the session stays readable',
    async () => {
      const world = await createFuzzWorld(test.server);
      for (const s of world.sockets) test.defer(() => s.close());
      // Its own login: a fuzzed POST /api/auth/logout signs this one out, never the checks' client.
      let cookie = await loginCookie(test.server.url);
      const bearer: Record<Auth, string | null> = {
        none: null,
        admin: null,
        participant: world.participants[0].token,
        observer: world.observerToken,
        'facilitator-token': world.facilitatorToken,
        'junk-token': 'x'.repeat(64),
      };
      const settings = fuzzSettings(250);
      await fc.assert(
        fc.asyncProperty(hostileRequest(world.session.id), async (input) => {
          let path: string;
          let method: string = input.method;
          if ('route' in input.target) {
            const values = [...input.target.params];
            path = input.target.route.path.replace(/:(\w+)/g, () => values.shift()!);
            if (input.ownMethod) method = input.target.route.method.toUpperCase();
          } else path = input.target.prefix + input.target.rest.join('/');
          const url = `${test.server.url}${path}${input.query ? `?${input.query}` : ''}`;
          let sentPath: string;
          try {
            // What the server sees: `..` and `.` segments are resolved by every client.
            sentPath = new URL(url).pathname;
          } catch {
            return; // not a URL any client could send
          }
          // Deleting the session is an admin's right (tested in housekeeping.test.ts): done here, every
          // later check would only find it gone.
          if (method === 'DELETE' && sentPath.replace(/\/+$/, '') === `/api/sessions/${world.session.id}`) return;
          const headers: Record<string, string> = { 'content-type': input.contentType };
          if (bearer[input.auth]) headers.authorization = `Bearer ${bearer[input.auth]}`;
          if (input.auth === 'admin' && cookie) headers.cookie = cookie;
          const body = method === 'GET' || method === 'HEAD' ? undefined : input.body;
          const res = await fetch(url, { method, headers, body });
          const text = await res.text();
          // Outside the API, 503 text/plain is the documented answer while the browser app is not built (or being rebuilt).
          if (!sentPath.startsWith('/api/') && res.status === 503 && res.headers.get('content-type')?.startsWith('text/plain')) return;
          expect(res.status, `${method} ${path.slice(0, 200)} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
          // 431: a request head over Node's limit is answered by its HTTP parser, before any of ours.
          if (res.status >= 400 && res.status !== 431 && sentPath.startsWith('/api/') && method !== 'HEAD') {
            expect(JSON.parse(text), `${method} ${path.slice(0, 200)} → ${res.status} ${text.slice(0, 300)}`).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
          }
          if (res.status === 204 && path.endsWith('/api/auth/logout')) cookie = await loginCookie(test.server.url);
        }),
        settings,
      );
      await expectSessionReadable(world, settings.seed);
    },
    fuzzTimeout(60_000),
  );
});
