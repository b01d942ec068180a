import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ControlState } from '../../shared/protocol';
import { ApiClient, createSessionAsAdmin, joinAs } from '../support/api';
import { type ChildServer, startChildServer } from '../support/child-server';
import { connectControl, request, whenConnected } from '../support/clients';

/** The warn lines of a pino log that name a stored JSON column. */
function columnWarnings(stdout: string): Array<{ table: string; column: string; id: string; msg: string }> {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; table?: string; column?: string; id?: string; msg: string })
    .filter((entry) => entry.level === 40 && entry.table !== undefined)
    .map(({ table, column, id, msg }) => ({ table: table!, column: column!, id: id!, msg }));
}

describe('stored JSON columns', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  it('reads a row whose JSON column does not parse or fit as its fallback, answers 200 and logs table, column and row', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'yoriai-stored-json-'));
    cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    let server: ChildServer = await startChildServer(dataDir);
    cleanups.push(() => server.process.kill('SIGKILL'));

    // A closed session with everything that is stored as JSON: phases, control, survey and its
    // answers, a revealed vote and poll, a decision with sources, a template, audit entries and
    // the archived boards.
    const { api, session, facilitatorToken } = await createSessionAsAdmin(server.url, '壊れた列');
    const room = session.boards[0].room;
    const fac = connectControl(server.url, facilitatorToken);
    cleanups.push(() => fac.close());
    await whenConnected(fac);
    const cards = [randomUUID(), randomUUID()];
    for (const id of cards) expect(await request(fac, 'card:add', { room, id, kind: 'idea', text: `案 ${id.slice(0, 4)}` })).toMatchObject({ ok: true });
    const vote = await request<{ voteId: string }>(fac, 'vote:open', { room, itemIds: cards, dotsPerPerson: 2, maxPerItem: 2 });
    const poll = await request<{ pollId: string }>(fac, 'poll:open', { room, itemIds: cards });
    if (!vote.ok || !poll.ok) throw new Error('could not open the vote and the poll');
    expect(await request(fac, 'vote:reveal', { voteId: vote.voteId })).toEqual({ ok: true });
    expect(await request(fac, 'poll:reveal', { pollId: poll.pollId })).toEqual({ ok: true });
    fac.close();
    const p = await joinAs(server.url, session.joinCode, '田中');
    const answered = await fetch(`${server.url}/api/sessions/${session.id}/survey`, {
      method: 'POST',
      headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ answers: { satisfaction: 'satisfied' } }),
    });
    expect(answered.status).toBe(204);
    const decision = await api.json<{ id: string }>('POST', `/api/sessions/${session.id}/decisions`, { text: '決定', sources: [{ room, kind: 'card', id: cards[0], label: '案' }] }, 201);
    await api.json('POST', `/api/sessions/${session.id}/actions`, { title: '行動', decisionId: decision.id }, 201);
    const template = await api.json<{ id: string }>('POST', '/api/templates', { name: '壊れる型', fromSessionId: session.id }, 201);
    expect((await api.request('POST', `/api/sessions/${session.id}/close`)).status).toBe(204);

    server.process.kill('SIGTERM');
    await server.exited;
    const db = new Database(path.join(dataDir, 'yoriai.sqlite'));
    db.prepare(`update sessions set phases = '{', control = '[1, 2]', survey = '{"not":"a list"}' where id = ?`).run(session.id);
    db.prepare(`update votes set items = '[{"id": 1}, "x"]' where id = ?`).run(vote.voteId);
    db.prepare(`update polls set items = 'null', scale = '[{"id": "agree"}]' where id = ?`).run(poll.pollId);
    db.prepare(`update decisions set sources = '{"room": 3}' where id = ?`).run(decision.id);
    db.prepare(`update survey_responses set answers = '"satisfied"' where session_id = ?`).run(session.id);
    db.prepare(`update templates set definition = '{"phases": 7}' where id = ?`).run(template.id);
    db.prepare(`update archived_boards set persona = '[]', stages = '[{"id": "x", "title": 5}]' where session_id = ?`).run(session.id);
    const audited = db.prepare(`update audit_log set detail = 'not json' where session_id = ?`).run(session.id).changes;
    expect(audited).toBeGreaterThanOrEqual(1);
    const auditIds = (db.prepare(`select id from audit_log where session_id = ?`).all(session.id) as Array<{ id: number }>).map((r) => String(r.id));
    db.close();

    server = await startChildServer(dataDir);
    cleanups.push(() => server.process.kill('SIGKILL'));
    const reader = new ApiClient(server.url);
    await reader.login();
    const statuses: Record<string, number> = {};
    for (const route of [
      `/api/sessions/${session.id}`,
      `/api/sessions/${session.id}/report`,
      `/api/sessions/${session.id}/outcome`,
      `/api/sessions/${session.id}/export.md`,
      `/api/sessions/${session.id}/export.json`,
      `/api/sessions/${session.id}/export/cards.csv`,
      `/api/sessions/${session.id}/export/survey.csv`,
      '/api/templates',
      '/api/audit',
      '/api/actions',
      '/api/stats',
    ]) {
      statuses[route] = (await reader.request('GET', route)).status;
    }
    expect(Object.values(statuses).every((s) => s === 200), JSON.stringify(statuses)).toBe(true);
    expect(Object.keys(statuses)).toHaveLength(11);

    // The control state (phase, timer, lock) reads as the initial one.
    const { token } = await reader.json<{ token: string }>('GET', `/api/sessions/${session.id}/token`);
    const socket = connectControl(server.url, token);
    cleanups.push(() => socket.close());
    const state = new Promise<ControlState>((resolve) => socket.once('session:state', resolve));
    await whenConnected(socket);
    expect(await state).toMatchObject({ phaseIndex: 0, locked: false, timer: { running: false } });

    const report = await reader.json<{ decisions: Array<{ sources: unknown[] }>; survey: { responses: number } }>('GET', `/api/sessions/${session.id}/report`);
    expect(report.decisions.map((d) => d.sources)).toEqual([[]]);
    expect(report.survey.responses).toBe(1);
    expect((await reader.json<Array<{ id: string }>>('GET', '/api/templates')).map((t) => t.id)).not.toContain(template.id);

    const warned = columnWarnings(server.stdout());
    const seen = new Map(warned.map((w) => [`${w.table}.${w.column}`, w.id]));
    expect([...seen.keys()].sort()).toEqual([
      'archived_boards.persona',
      'archived_boards.stages',
      'audit_log.detail',
      'decisions.sources',
      'polls.items',
      'polls.scale',
      'sessions.control',
      'sessions.phases',
      'sessions.survey',
      'survey_responses.answers',
      'templates.definition',
      'votes.items',
    ]);
    expect(seen.get('sessions.phases')).toBe(session.id);
    expect(seen.get('votes.items')).toBe(vote.voteId);
    expect(seen.get('polls.scale')).toBe(poll.pollId);
    expect(seen.get('decisions.sources')).toBe(decision.id);
    expect(seen.get('templates.definition')).toBe(template.id);
    expect(seen.get('archived_boards.stages')).toBe(room);
    expect(seen.get('survey_responses.answers')).toBe(`${session.id}/${p.participantId}`);
    expect(auditIds).toContain(seen.get('audit_log.detail'));
  }, 60_000);
});
