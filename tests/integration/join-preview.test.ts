import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../shared/schemas/api';
import { ApiClient, createSessionAsAdmin, joinAs } from '../support/api';
import { useTestServer } from '../support/lifecycle';

const otherCode = (session: SessionView, n = 0) => String((Number(session.joinCode) + 1 + n) % 1_000_000).padStart(6, '0');

describe('what a join code leads to (GET /api/join/:code)', () => {
  const t = useTestServer({ joinWrongPerAddress: 6 });

  it('tells title, venue, date and status, and nothing else of the session', async () => {
    const { api, session } = await createSessionAsAdmin(t.server.url, '第1回 作業部会「こども食堂」');
    await api.json('PATCH', `/api/sessions/${session.id}`, { venue: '市民会館 2階', heldOn: '2026-12-01' });
    const res = await new ApiClient(t.server.url).request('GET', `/api/join/${session.joinCode}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ title: '第1回 作業部会「こども食堂」', venue: '市民会館 2階', heldOn: '2026-12-01', status: 'open' });
  });

  it('says a closed session has ended, with its title, and a join with its code is still refused', async () => {
    const { api, session } = await createSessionAsAdmin(t.server.url, '終わった会');
    expect((await api.request('POST', `/api/sessions/${session.id}/close`)).status).toBe(204);
    const res = await new ApiClient(t.server.url).request('GET', `/api/join/${session.joinCode}`);
    expect(await res.json()).toMatchObject({ title: '終わった会', status: 'closed' });
    await expect(joinAs(t.server.url, session.joinCode, '佐藤')).rejects.toThrow(/404/);
  });

  it('takes closing-survey answers right after the facilitator closes the session', async () => {
    const { api, session } = await createSessionAsAdmin(t.server.url, '終わったばかりの会');
    const joined = await joinAs(t.server.url, session.joinCode, '佐藤');
    expect((await api.request('POST', `/api/sessions/${session.id}/close`)).status).toBe(204);
    const phone = new ApiClient(t.server.url);
    const auth = { authorization: `Bearer ${joined.token}` };
    const survey = await phone.request('GET', `/api/sessions/${session.id}/survey`, undefined, auth);
    expect(await survey.json()).toMatchObject({ open: true });
    expect((await phone.request('POST', `/api/sessions/${session.id}/survey`, { answers: { satisfaction: 'satisfied' } }, auth)).status).toBe(204);
  });

  it('answers 404 to an unknown code and 400 to one that is not six digits', async () => {
    const { session } = await createSessionAsAdmin(t.server.url);
    const client = new ApiClient(t.server.url);
    const missing = await client.request('GET', `/api/join/${otherCode(session)}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    for (const bad of ['12345', 'abcdef', '%E0%A4%A', '1234567']) {
      const res = await client.request('GET', `/api/join/${bad}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'bad_request' } });
    }
  });
});

describe('join-code lookups share the join budget', () => {
  const t = useTestServer({ joinWrongPerAddress: 6 });

  it('refuses lookups of new codes with 429 once wrong lookups and joins have spent the address budget, and keeps the venue code working', async () => {
    const { session } = await createSessionAsAdmin(t.server.url);
    const client = new ApiClient(t.server.url);
    expect((await client.request('GET', `/api/join/${session.joinCode}`)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await client.request('GET', `/api/join/${otherCode(session, i)}`)).status).toBe(404);
    for (let i = 3; i < 6; i++) {
      const res = await client.request('POST', '/api/join', { joinCode: otherCode(session, i), displayName: '', organizationType: 'npo' });
      expect(res.status).toBe(404);
    }
    const limited = await client.request('GET', `/api/join/${otherCode(session, 7)}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await client.request('GET', `/api/join/${session.joinCode}`)).status).toBe(200);
  });
});
