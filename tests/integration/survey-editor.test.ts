import { afterEach, describe, expect, it } from 'vitest';
import { STANDARD_SURVEY, type SurveyQuestion } from '../../shared/survey';
import type { SessionView } from '../../shared/schemas/api';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { startTestServer, type TestServer } from '../support/server';

type Editor = { questions: SurveyQuestion[]; theme: string; standard: boolean; answeredQuestionIds: string[]; responses: number };
type Report = { survey: { responses: number; questions: Array<{ id: string; kind: string; title: string; choices?: string[]; answers: Record<string, number>; texts?: string[] }> } };

/** The standard survey with the understanding question reworded, a scale and a custom choice question added. */
const CUSTOM: SurveyQuestion[] = [
  ...STANDARD_SURVEY.filter((q) => q.id !== 'comments'),
  { id: 'venue', kind: 'scale', title: '会場は参加しやすかったですか', scale: { min: 1, max: 5, minLabel: 'しにくい', maxLabel: 'しやすい' } },
  { id: 'next-topic', kind: 'choice', title: '次に話したいことは', choices: ['food', 'place'], labels: { food: '食材の集め方', place: '場所の確保' } },
  { id: 'comments', kind: 'text', title: '' },
];

describe('the survey editor', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  const phone = (sessionId: string, token: string, method = 'GET', body?: unknown) =>
    fetch(`${server.url}/api/sessions/${sessionId}/survey`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('starts from the standard questions, asking about the session’s theme, and tells the phone the theme', async () => {
    server = await startTestServer();
    const { api, session } = await createSessionAsAdmin(server.url);
    await api.json('PATCH', `/api/sessions/${session.id}`, { theme: 'こども食堂を地域で支えるには' });
    const editor = await api.json<Editor>('GET', `/api/sessions/${session.id}/survey/questions`);
    expect(editor).toMatchObject({ standard: true, theme: 'こども食堂を地域で支えるには', answeredQuestionIds: [], responses: 0 });
    expect(editor.questions.map((q) => q.id)).toEqual(['satisfaction', 'understanding', 'intent', 'comments']);
    const participant = await joinAs(server.url, session.joinCode, 'A');
    expect(await (await phone(session.id, participant.token)).json()).toMatchObject({ theme: 'こども食堂を地域で支えるには' });
    // The Markdown report words the understanding question with the theme, not 孤独・孤立.
    await phone(session.id, participant.token, 'POST', { answers: { understanding: 'deepened' } });
    const markdown = await (await api.request('GET', `/api/sessions/${session.id}/export.md`)).text();
    expect(markdown).toContain('「こども食堂を地域で支えるには」について理解が深まりましたか');
    expect(markdown).not.toContain('孤独・孤立');
    expect(markdown).not.toContain('プラットフォーム');
  });

  it('takes an edited survey on the phone and reports the custom questions by id', async () => {
    server = await startTestServer();
    const { api, session } = await createSessionAsAdmin(server.url);
    await api.json('PUT', `/api/sessions/${session.id}/survey`, CUSTOM);
    const participant = await joinAs(server.url, session.joinCode, 'A');
    const view = await (await phone(session.id, participant.token)).json();
    expect(view.questions.map((q: SurveyQuestion) => q.id)).toEqual(['satisfaction', 'understanding', 'intent', 'venue', 'next-topic', 'comments']);

    expect((await phone(session.id, participant.token, 'POST', { answers: { venue: '6' } })).status).toBe(400);
    expect((await phone(session.id, participant.token, 'POST', { answers: { 'next-topic': 'other' } })).status).toBe(400);
    expect((await phone(session.id, participant.token, 'POST', { answers: { venue: '4', 'next-topic': 'place', comments: '楽しかった' } })).status).toBe(204);

    // A paper sheet typed in by the secretariat is checked the same way.
    expect((await api.request('POST', `/api/sessions/${session.id}/survey/paper`, { answers: { venue: '9' } })).status).toBe(400);
    expect((await api.request('POST', `/api/sessions/${session.id}/survey/paper`, { answers: { venue: '5' } })).status).toBe(201);

    const report = await api.json<Report>('GET', `/api/sessions/${session.id}/report`);
    const byId = new Map(report.survey.questions.map((q) => [q.id, q]));
    expect(byId.get('venue')).toMatchObject({ kind: 'scale', title: '会場は参加しやすかったですか', choices: ['1', '2', '3', '4', '5'], answers: { '1': 0, '4': 1, '5': 1 } });
    expect(byId.get('next-topic')).toMatchObject({ answers: { food: 0, place: 1 } });
    expect(byId.get('comments')?.texts).toEqual(['楽しかった']);
    const csv = await (await api.request('GET', `/api/sessions/${session.id}/export/survey.csv`)).text();
    expect(csv).toContain('会場は参加しやすかったですか');
    expect(csv).toContain('場所の確保');
  });

  it('refuses to change or remove a question that has answers, and lets the others change', async () => {
    server = await startTestServer();
    const { api, session } = await createSessionAsAdmin(server.url);
    await api.json('PUT', `/api/sessions/${session.id}/survey`, CUSTOM);
    const participant = await joinAs(server.url, session.joinCode, 'A');
    await phone(session.id, participant.token, 'POST', { answers: { venue: '4' } });
    expect((await api.json<Editor>('GET', `/api/sessions/${session.id}/survey/questions`)).answeredQuestionIds).toEqual(['venue']);

    const reworded = CUSTOM.map((q) => (q.id === 'venue' ? { ...q, title: '会場は遠かったですか' } : q));
    const refused = await api.request('PUT', `/api/sessions/${session.id}/survey`, reworded);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'conflict' } });
    expect((await api.request('PUT', `/api/sessions/${session.id}/survey`, CUSTOM.filter((q) => q.id !== 'venue'))).status).toBe(409);
    const rescaled = CUSTOM.map((q) => (q.id === 'venue' ? { ...q, scale: { min: 1, max: 4, minLabel: '', maxLabel: '' } } : q));
    expect((await api.request('PUT', `/api/sessions/${session.id}/survey`, rescaled)).status).toBe(409);

    // Unanswered questions change freely; new ones may be added.
    const edited = [...CUSTOM.map((q) => (q.id === 'next-topic' ? { ...q, title: '次回のテーマ' } : q)), { id: 'extra', kind: 'text' as const, title: '一言どうぞ' }];
    expect((await api.request('PUT', `/api/sessions/${session.id}/survey`, edited)).status).toBe(200);
  });

  it('refuses a malformed survey with 400', async () => {
    server = await startTestServer();
    const { api, session } = await createSessionAsAdmin(server.url);
    const put = (body: unknown) => api.request('PUT', `/api/sessions/${session.id}/survey`, body);
    const q = (extra: Partial<SurveyQuestion>) => ({ id: 'q1', kind: 'choice', title: '質問', choices: ['a', 'b'], ...extra });
    expect((await put([q({}), q({})])).status).toBe(400); // the same id twice
    expect((await put(Array.from({ length: 21 }, (_, i) => q({ id: `q${i}` })))).status).toBe(400);
    expect((await put([q({ choices: ['a'] })])).status).toBe(400);
    expect((await put([q({ choices: ['a', 'a'] })])).status).toBe(400);
    expect((await put([q({ choices: Array.from({ length: 11 }, (_, i) => `c${i}`) })])).status).toBe(400);
    expect((await put([q({ title: 'あ'.repeat(201) })])).status).toBe(400);
    expect((await put([q({ title: '' })])).status).toBe(400); // only standard questions take their text from i18n
    expect((await put([q({ labels: { zz: 'ない選択肢' } })])).status).toBe(400);
    expect((await put([q({ kind: 'scale', choices: undefined })])).status).toBe(400);
    expect((await put([])).status).toBe(400);
    expect((await put([q({})])).status).toBe(200);
  });

  it('saves a custom survey with a template, and a session made from it asks the same questions', async () => {
    server = await startTestServer();
    const { api, session } = await createSessionAsAdmin(server.url);
    await api.json('PUT', `/api/sessions/${session.id}/survey`, CUSTOM);
    const template = await api.json<{ id: string }>('POST', '/api/templates', { name: 'こども食堂の会', fromSessionId: session.id }, 201);
    const copy = await api.json<SessionView>('POST', '/api/sessions', { title: '第2回', template: template.id }, 201);
    const editor = await api.json<Editor>('GET', `/api/sessions/${copy.id}/survey/questions`);
    expect(editor.standard).toBe(false);
    expect(editor.questions).toEqual((await api.json<Editor>('GET', `/api/sessions/${session.id}/survey/questions`)).questions);
    expect(editor.questions.find((q) => q.id === 'venue')).toMatchObject({ kind: 'scale', scale: { min: 1, max: 5, minLabel: 'しにくい', maxLabel: 'しやすい' } });
  });
});
