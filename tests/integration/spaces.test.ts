import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionView } from '../../shared/schemas/api';
import type { SpaceRef, SpaceView } from '../../shared/schemas/spaces';
import { ApiClient, joinAs } from '../support/api';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The space axis of the authorization matrix: two spaces, a clerk and a facilitator in each;
 * every scoped route gives the other space's objects as 404 or leaves them out of its lists.
 */
type Who = 'clerkA' | 'facA' | 'clerkB' | 'facB';

interface Side {
  space: string;
  session: SessionView;
  actionId: string;
  templateId: string;
  /** A word only this side's cards, actions and titles carry. */
  word: string;
}

let server: TestServer;
let admin: ApiClient;
const people = {} as Record<Who, ApiClient>;
const ids = {} as Record<Who, string>;
let A: Side;
let B: Side;

async function account(email: string, role: 'secretariat' | 'facilitator', spaceId?: string): Promise<[ApiClient, string]> {
  const { id } = await admin.json<{ id: string }>('POST', '/api/users', { email, password: 'password 123', displayName: email, role, ...(spaceId ? { spaceId } : {}) }, 201);
  const client = new ApiClient(server.url);
  await client.login(email, 'password 123');
  return [client, id];
}

/** A facilitator's session in their space: an action, a shared template, closed (archived, indexed). */
async function side(fac: ApiClient, space: string, word: string): Promise<Side> {
  const session = await fac.json<SessionView>('POST', '/api/sessions', { title: `${word}の会`, template: 'free-board' }, 201);
  const action = await fac.json<{ id: string }>('POST', `/api/sessions/${session.id}/actions`, { title: `${word}の相談窓口`, ownerOrganization: `${word}会` }, 201);
  const template = await fac.json<{ id: string }>('POST', '/api/templates', { name: `${word}の型`, fromSessionId: session.id }, 201);
  await fac.json('PATCH', `/api/templates/${template.id}`, { shared: true });
  await fac.json('POST', `/api/sessions/${session.id}/close`, undefined, 204);
  return { space, session, actionId: action.id, templateId: template.id, word };
}

beforeAll(async () => {
  server = await startTestServer();
  admin = new ApiClient(server.url);
  await admin.login();
  // With one space, a new account is appointed there; with several, where the admin says.
  const [first] = await admin.json<SpaceRef[]>('GET', '/api/spaces');
  [people.clerkA, ids.clerkA] = await account('clerk-a@example.jp', 'secretariat');
  [people.facA, ids.facA] = await account('fac-a@example.jp', 'facilitator');
  const { id: second } = await admin.json<{ id: string }>('POST', '/api/spaces', { name: 'ウェルビーイングなまちづくり' }, 201);
  [people.clerkB, ids.clerkB] = await account('clerk-b@example.jp', 'secretariat', second);
  [people.facB, ids.facB] = await account('fac-b@example.jp', 'facilitator', second);
  A = await side(people.facA, first.id, '孤立');
  B = await side(people.facB, second, '健幸');
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('spaces: lists and settings', () => {
  it('lists each account its own spaces, an admin all of them, oldest first', async () => {
    expect(await people.clerkA.json<SpaceRef[]>('GET', '/api/spaces')).toEqual([{ id: A.space, name: 'はじめのスペース' }]);
    expect(await people.facB.json<SpaceRef[]>('GET', '/api/spaces')).toEqual([{ id: B.space, name: 'ウェルビーイングなまちづくり' }]);
    expect((await admin.json<SpaceRef[]>('GET', '/api/spaces')).map((s) => s.id)).toEqual([A.space, B.space]);
    expect(A.session.spaceId).toBe(A.space);
    expect(B.session.spaceId).toBe(B.space);
  });

  it('hides another space (404), refuses settings to a facilitator (403) and spaces to a clerk (403)', async () => {
    expect((await people.clerkA.request('GET', `/api/spaces/${B.space}`)).status).toBe(404);
    expect((await people.clerkA.request('PATCH', `/api/spaces/${B.space}`, { name: 'x' })).status).toBe(404);
    expect((await people.clerkA.request('PUT', `/api/spaces/${B.space}/members`, [])).status).toBe(404);
    expect((await people.clerkA.request('GET', '/api/spaces/no-such-space')).status).toBe(404);
    const seen = await people.facA.json<SpaceView>('GET', `/api/spaces/${A.space}`);
    expect([seen.canManage, seen.members]).toEqual([false, []]);
    expect((await people.clerkA.json<SpaceView>('GET', `/api/spaces/${A.space}`)).members.map((m) => m.userId).sort()).toEqual([ids.clerkA, ids.facA].sort());
    expect((await people.facA.request('PATCH', `/api/spaces/${A.space}`, { name: 'x' })).status).toBe(403);
    expect((await people.facA.request('PUT', `/api/spaces/${A.space}/members`, [])).status).toBe(403);
    expect((await people.clerkA.request('POST', '/api/spaces', { name: '新しい取組' })).status).toBe(403);
    expect((await new ApiClient(server.url).request('GET', '/api/spaces')).status).toBe(401);
    expect((await admin.request('GET', '/api/spaces/..%2Fx')).status).toBe(400);
    expect((await admin.request('POST', '/api/spaces', { name: '' })).status).toBe(400);
  });

  it("lets a space's secretariat appoint people, and an appointment works at once", async () => {
    const before = await people.clerkB.json<SpaceView>('GET', `/api/spaces/${B.space}`);
    expect(before.members.map((m) => [m.userId, m.role]).sort()).toEqual([[ids.clerkB, 'secretariat'], [ids.facB, 'facilitator']].sort());
    const members = [...before.members.map((m) => ({ userId: m.userId, role: m.role })), { userId: ids.facA, role: 'facilitator' as const }];
    await people.clerkB.json('PUT', `/api/spaces/${B.space}/members`, members);
    expect((await people.facA.json<SpaceRef[]>('GET', '/api/spaces')).map((s) => s.id)).toEqual([A.space, B.space]);
    // An account in both: by default the oldest space; spaceId picks the other; lists narrow by space.
    const inB = await people.facA.json<SessionView>('POST', '/api/sessions', { title: '両方', template: 'free-board', spaceId: B.space }, 201);
    expect(inB.spaceId).toBe(B.space);
    expect((await people.facA.json<SessionView[]>('GET', `/api/sessions?spaceId=${B.space}`)).map((s) => s.id)).toEqual([inB.id]);
    expect((await people.facA.json<SessionView[]>('GET', `/api/sessions?spaceId=${A.space}`)).map((s) => s.id)).toEqual([A.session.id]);
    expect((await people.clerkB.json<SessionView[]>('GET', '/api/sessions')).map((s) => s.id).sort()).toEqual([B.session.id, inB.id].sort());
    // Taken out again: B's session of theirs is another space's now.
    await people.clerkB.json('PUT', `/api/spaces/${B.space}/members`, before.members.map((m) => ({ userId: m.userId, role: m.role })));
    expect((await people.facA.request('GET', `/api/sessions/${inB.id}`)).status).toBe(404);
    await admin.json('DELETE', `/api/sessions/${inB.id}`, undefined, 204);
  });

  it('refuses members that are unknown, admins, listed twice, or a clerk leaving the secretariat', async () => {
    const put = (body: unknown) => people.clerkB.request('PUT', `/api/spaces/${B.space}/members`, body);
    expect((await put([{ userId: 'nobody', role: 'facilitator' }, { userId: ids.clerkB, role: 'secretariat' }])).status).toBe(400);
    expect((await put([{ userId: ids.facB, role: 'facilitator' }, { userId: ids.facB, role: 'secretariat' }, { userId: ids.clerkB, role: 'secretariat' }])).status).toBe(400);
    expect((await put([{ userId: ids.clerkB, role: 'facilitator' }])).status).toBe(400);
    expect((await put([{ userId: ids.clerkB, role: 'admin' }])).status).toBe(400);
    expect((await put({ userId: ids.clerkB })).status).toBe(400);
    const me = await people.clerkB.json<{ id: string }>('GET', '/api/auth/me');
    expect((await admin.request('PUT', `/api/spaces/${B.space}/members`, [{ userId: (await admin.json<{ id: string }>('GET', '/api/auth/me')).id, role: 'secretariat' }])).status).toBe(400);
    expect(me.id).toBe(ids.clerkB);
    expect((await people.clerkB.json<SpaceView>('GET', `/api/spaces/${B.space}`)).members).toHaveLength(2);
  });

  it('takes survey defaults for new sessions and membership kinds', async () => {
    const survey = [{ id: 'wellbeing', kind: 'scale', title: '今日の気分は', scale: { min: 1, max: 5, minLabel: '低い', maxLabel: '高い' } }];
    const view = await people.clerkB.json<SpaceView>('PATCH', `/api/spaces/${B.space}`, { surveyDefaults: survey, membershipKinds: ['partner'] });
    expect(view.membershipKinds).toEqual(['partner']);
    const made = await people.facB.json<SessionView>('POST', '/api/sessions', { title: '調査つき', template: 'free-board' }, 201);
    const editor = await people.facB.json<{ questions: Array<{ id: string }>; standard: boolean }>('GET', `/api/sessions/${made.id}/survey/questions`);
    expect(editor.questions.map((q) => q.id)).toEqual(['wellbeing']);
    const inA = await people.facA.json<SessionView>('POST', '/api/sessions', { title: '標準', template: 'free-board' }, 201);
    expect((await people.facA.json<{ questions: Array<{ id: string }> }>('GET', `/api/sessions/${inA.id}/survey/questions`)).questions.map((q) => q.id)).toContain('satisfaction');
    expect((await people.clerkB.request('PATCH', `/api/spaces/${B.space}`, { membershipKinds: ['gold'] })).status).toBe(400);
    expect((await people.clerkB.request('PATCH', `/api/spaces/${B.space}`, {})).status).toBe(400);
    for (const id of [made.id, inA.id]) await admin.json('DELETE', `/api/sessions/${id}`, undefined, 204);
  });
});

describe("spaces: another space's sessions are 404 and absent from lists", () => {
  const perSession: Array<[string, string, unknown?]> = [
    ['GET', ''],
    ['PATCH', '', { venue: '公民館' }],
    ['GET', '/token'],
    ['GET', '/qr.svg'],
    ['GET', '/participants'],
    ['GET', '/outcome'],
    ['GET', '/report'],
    ['GET', '/export.md'],
    ['GET', '/export/cards.csv'],
    ['GET', '/export.json'],
    ['GET', '/since-last'],
    ['GET', '/survey/questions'],
    ['POST', '/reopen'],
    ['POST', '/observer-link'],
    ['DELETE', ''],
  ];
  for (const who of ['clerkA', 'facA', 'clerkB', 'facB'] as const) {
    it(`${who}: every route on the other space's session answers 404`, async () => {
      const other = who.endsWith('A') ? B : A;
      for (const [method, suffix, body] of perSession) {
        const res = await people[who].request(method, `/api/sessions/${other.session.id}${suffix}`, body);
        expect(res.status, `${method} ${suffix}`).toBe(404);
      }
      expect((await people[who].request('PATCH', `/api/actions/${other.actionId}`, { status: 'done' })).status).toBe(404);
      expect((await people[who].request('POST', `/api/actions/${other.actionId}/notes`, { note: 'x' })).status).toBe(404);
      expect((await people[who].request('GET', `/api/templates/${other.templateId}`)).status).toBe(404);
      expect((await people[who].request('POST', '/api/sessions', { title: 'x', template: other.templateId })).status).toBe(404);
      expect((await people[who].request('POST', '/api/sessions', { title: 'x', spaceId: other.space })).status).toBe(404);
    });
  }

  for (const who of ['clerkA', 'clerkB'] as const) {
    it(`${who}: lists, search, figures and exports hold only their own space`, async () => {
      const [own, other] = who === 'clerkA' ? [A, B] : [B, A];
      const api = people[who];
      expect((await api.json<SessionView[]>('GET', '/api/sessions')).map((s) => s.id)).toEqual([own.session.id]);
      expect((await api.json<Array<{ id: string }>>('GET', '/api/archive')).map((s) => s.id)).toEqual([own.session.id]);
      expect((await api.json<Array<{ id: string }>>('GET', '/api/actions')).map((a) => a.id)).toEqual([own.actionId]);
      const templates = (await api.json<Array<{ id: string }>>('GET', '/api/templates')).map((t) => t.id);
      expect(templates).toContain(own.templateId);
      expect(templates).not.toContain(other.templateId);
      for (const word of [own.word, other.word]) {
        const found = await api.json<{ hits: Array<{ sessionId: string }> }>('GET', `/api/search?q=${encodeURIComponent(word)}`);
        expect(found.hits.length > 0, word).toBe(word === own.word);
        expect(found.hits.every((h) => h.sessionId === own.session.id)).toBe(true);
      }
      const stats = await api.json<{ sessions: Array<{ sessionId: string }> }>('GET', '/api/stats');
      expect(stats.sessions.map((s) => s.sessionId)).toEqual([own.session.id]);
      const csv = await (await api.request('GET', '/api/stats/export/sessions.csv')).text();
      expect(csv).toContain(own.session.title);
      expect(csv).not.toContain(other.session.title);
      const register = await (await api.request('GET', '/api/actions/export.csv')).text();
      expect(register).toContain(`${own.word}の相談窓口`);
      expect(register).not.toContain(`${other.word}の相談窓口`);
      for (const path of ['/api/sessions', '/api/archive', '/api/actions', '/api/stats']) {
        expect((await api.request('GET', `${path}?spaceId=${other.space}`)).status, path).toBe(404);
      }
    });
  }

  it('imports a session export into the space asked for, and refuses another space (404)', async () => {
    const exported = await people.facA.json<unknown>('GET', `/api/sessions/${A.session.id}/export.json`);
    expect((await people.facA.request('POST', `/api/sessions/import?spaceId=${B.space}`, exported)).status).toBe(404);
    // The admin works everywhere (first space by default): the query decides where it lands.
    const { id } = await admin.json<{ id: string }>('POST', `/api/sessions/import?spaceId=${B.space}`, exported, 201);
    expect((await people.clerkB.json<SessionView>('GET', `/api/sessions/${id}`)).spaceId).toBe(B.space);
    expect((await people.clerkA.request('GET', `/api/sessions/${id}`)).status).toBe(404);
    await admin.json('DELETE', `/api/sessions/${id}`, undefined, 204);
  });

  it('gives an admin every space, and one space when asked', async () => {
    const all = (await admin.json<SessionView[]>('GET', '/api/sessions')).map((s) => s.id);
    expect(all).toEqual(expect.arrayContaining([A.session.id, B.session.id]));
    expect((await admin.json<SessionView[]>('GET', `/api/sessions?spaceId=${B.space}`)).map((s) => s.id)).toEqual([B.session.id]);
    const hits = await admin.json<{ hits: Array<{ sessionId: string }> }>('GET', `/api/search?q=${encodeURIComponent(A.word)}&spaceId=${B.space}`);
    expect(hits.hits).toEqual([]);
  });
});

describe('spaces: organisation types per space', () => {
  it("offers the space's types on its sessions' join pages and checks joins against them", async () => {
    await people.clerkB.json('PATCH', `/api/spaces/${B.space}`, { organizationTypes: { retired: ['company'], added: [{ id: 'shotenkai', labelJa: '商店会', labelEn: 'Shopping street association' }] } });
    const reopened = async (side: Side) => {
      await people[side === A ? 'facA' : 'facB'].json('POST', `/api/sessions/${side.session.id}/reopen`, undefined, 204);
      return side.session.joinCode;
    };
    const [codeA, codeB] = [await reopened(A), await reopened(B)];
    const typesB = await new ApiClient(server.url).json<Array<{ id: string; label: string }>>('GET', `/api/join/${codeB}/organization-types`);
    const idsB = typesB.map((t) => t.id);
    expect(idsB).not.toContain('company');
    expect(idsB.slice(-2)).toEqual(['shotenkai', 'other']);
    expect(typesB.find((t) => t.id === 'shotenkai')!.label).toBe('商店会');
    const idsA = (await new ApiClient(server.url).json<Array<{ id: string }>>('GET', `/api/join/${codeA}/organization-types`)).map((t) => t.id);
    expect(idsA).toContain('company');
    expect(idsA).not.toContain('shotenkai');
    // The installation's list keeps its contract.
    expect((await new ApiClient(server.url).json<Array<{ id: string }>>('GET', '/api/organization-types')).map((t) => t.id)).toContain('company');
    expect((await people.facB.json<Array<{ id: string }>>('GET', `/api/spaces/${B.space}/organization-types`)).map((t) => t.id)).toEqual(idsB);
    expect((await people.facA.request('GET', `/api/spaces/${B.space}/organization-types`)).status).toBe(404);

    await joinAs(server.url, codeB, '商店の人', 'shotenkai');
    const refused = await new ApiClient(server.url).request('POST', '/api/join', { joinCode: codeB, displayName: '会社員', organizationType: 'company' });
    expect(refused.status).toBe(400);
    expect((await new ApiClient(server.url).request('POST', '/api/join', { joinCode: codeA, displayName: 'x', organizationType: 'shotenkai' })).status).toBe(400);
    await joinAs(server.url, codeA, '会社員', 'company');
    expect((await people.facB.request('POST', `/api/sessions/${B.session.id}/participants`, { displayName: '電話なし', organizationType: 'company' })).status).toBe(400);
    expect((await new ApiClient(server.url).request('GET', '/api/join/000000/organization-types')).status).toBe(404);
  });

  it('refuses retiring a type the installation does not have, and adding one it has', async () => {
    const patch = (organizationTypes: unknown) => people.clerkB.request('PATCH', `/api/spaces/${B.space}`, { organizationTypes });
    expect((await patch({ retired: ['no-such-type'], added: [] })).status).toBe(400);
    expect((await patch({ retired: [], added: [{ id: 'npo', labelJa: 'NPO' }] })).status).toBe(400);
    expect((await patch({ retired: [], added: [{ id: 'Bad Id', labelJa: 'x' }] })).status).toBe(400);
    const view = await people.clerkB.json<SpaceView>('GET', `/api/spaces/${B.space}`);
    expect(view.organizationTypes).toEqual({ retired: ['company'], added: [{ id: 'shotenkai', labelJa: '商店会', labelEn: 'Shopping street association' }] });

  });

  it("names the space's own types in its figures, also once they are taken off the list", async () => {
    const figures = async () => (await people.clerkB.request('GET', '/api/stats/export/organization-types.csv')).text();
    expect(await figures()).toContain('商店会');
    await people.clerkB.json('PATCH', `/api/spaces/${B.space}`, { organizationTypes: { retired: ['company'], added: [] } });
    const offered = (await people.facB.json<Array<{ id: string }>>('GET', `/api/spaces/${B.space}/organization-types`)).map((t) => t.id);
    expect(offered).not.toContain('shotenkai');
    expect(await figures()).toContain('商店会');
    expect(await (await people.facB.request('GET', `/api/sessions/${B.session.id}/export.md`)).text()).toContain('商店会');
    // Brought back under the same id, it is offered again with its label.
    await people.clerkB.json('PATCH', `/api/spaces/${B.space}`, { organizationTypes: { retired: ['company'], added: [{ id: 'shotenkai', labelJa: '商店会' }] } });
    expect((await people.facB.json<Array<{ id: string; label: string }>>('GET', `/api/spaces/${B.space}/organization-types`)).find((t) => t.id === 'shotenkai')?.label).toBe('商店会');
  });
});
