import type { JoinResult, SessionView } from '../../shared/schemas/api';
import { ADMIN } from './server';

/** A tiny cookie-keeping HTTP client over fetch, as a browser would be. */
export class ApiClient {
  private cookie = '';
  constructor(readonly baseUrl: string) {}

  async request(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(this.baseUrl + pathname, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    return res;
  }

  async json<T>(method: string, pathname: string, body?: unknown, expectStatus = 200): Promise<T> {
    const res = await this.request(method, pathname, body);
    const text = await res.text();
    if (res.status !== expectStatus) throw new Error(`${method} ${pathname}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async login(email = ADMIN.email, password = ADMIN.password): Promise<void> {
    await this.json('POST', '/api/auth/login', { email, password });
  }
}

/**
 * Log in as the test admin and create a session. The default `free-board` template has one
 * phase that takes every card kind, so tests not about phases can write at once.
 */
export async function createSessionAsAdmin(
  baseUrl: string,
  title = 'こども食堂を考える',
  template = 'free-board',
): Promise<{ api: ApiClient; session: SessionView; facilitatorToken: string }> {
  const api = new ApiClient(baseUrl);
  await api.login();
  const session = await api.json<SessionView>('POST', '/api/sessions', { title, template }, 201);
  const { token } = await api.json<{ token: string }>('GET', `/api/sessions/${session.id}/token`);
  return { api, session, facilitatorToken: token };
}

/** Join a session as a participant. */
export async function joinAs(baseUrl: string, joinCode: string, displayName: string, organizationType = 'npo'): Promise<JoinResult> {
  const api = new ApiClient(baseUrl);
  return api.json<JoinResult>('POST', '/api/join', { joinCode, displayName, organizationType }, 201);
}
