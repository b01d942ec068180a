import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectControl, type ControlSocket, request, whenConnected } from '../support/clients';
import { useTestServer } from '../support/lifecycle';

/** Every key and every string value anywhere in a JSON value. */
function keysAndStrings(value: unknown, out: { keys: string[]; strings: string[] } = { keys: [], strings: [] }) {
  if (typeof value === 'string') out.strings.push(value);
  else if (Array.isArray(value)) for (const v of value) keysAndStrings(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.keys.push(k);
      keysAndStrings(v, out);
    }
  return out;
}

describe('exports', () => {
  const test = useTestServer();

  async function socketFor(token: string): Promise<ControlSocket> {
    const socket = connectControl(test.server.url, token);
    test.defer(() => socket.close());
    await whenConnected(socket);
    return socket;
  }

  it('quotes CSV cells that hold CR, LF, comma or quote, and neutralises formulas including full-width ones', async () => {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(test.server.url);
    const fac = await socketFor(facilitatorToken);
    const room = session.boards[0].room;
    const cells: Array<[string, string]> = [
      ['a\nb', 'a\nb'],
      ['x\ry', 'x\ry'],
      ['c\r\nd', 'c\r\nd'],
      ['=1+1', "'=1+1"],
      ['＝SUM(A1)', "'＝SUM(A1)"],
      ['@cmd', "'@cmd"],
      ['-2', "'-2"],
      ['+81 90', "'+81 90"],
      ['＋1', "'＋1"],
      ['－1', "'－1"],
      ['＠home', "'＠home"],
      ['say "hi", then go', 'say "hi", then go'],
      ['ふつうのカード', 'ふつうのカード'],
    ];
    for (const [text] of cells) expect(await request(fac, 'card:add', { room, id: randomUUID(), kind: 'idea', text })).toMatchObject({ ok: true });
    await api.json('POST', `/api/sessions/${session.id}/actions`, { title: '=HYPERLINK("http://x")\n2行目', ownerOrganization: '@社協' }, 201);

    const res = await api.request('GET', `/api/sessions/${session.id}/export/cards.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const raw = new TextDecoder().decode(bytes);
    // A spreadsheet starts a new row at any bare CR or LF: each must sit inside a quoted cell.
    for (const text of ['a\nb', 'x\ry', 'c\r\nd', 'say ""hi"", then go']) expect(raw).toContain(`,"${text}",`);
    const rows = parse(raw, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['ボード', '段階', '種類', '内容', 'グループ', '所属の種類', '記入者']);
    expect(rows).toHaveLength(1 + cells.length);
    expect(rows.slice(1).map((r) => r[3]).sort()).toEqual(cells.map(([, want]) => want).sort());

    const actions = parse(await (await api.request('GET', `/api/sessions/${session.id}/export/actions.csv`)).text(), { bom: true }) as string[][];
    expect(actions).toHaveLength(2);
    expect(actions[1][0]).toBe('\'=HYPERLINK("http://x")\n2行目');
    expect(actions[1][2]).toBe("'@社協");
  });

  it('lists no ballots or poll answers in export.json before reveal, and no participant id on any answer after', async () => {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(test.server.url);
    const fac = await socketFor(facilitatorToken);
    const room = session.boards[0].room;
    const ids = [randomUUID(), randomUUID()];
    for (const id of ids) expect(await request(fac, 'card:add', { room, id, kind: 'idea', text: `案 ${id.slice(0, 4)}` })).toMatchObject({ ok: true });
    const people = [await joinAs(test.server.url, session.joinCode, '田中', 'npo'), await joinAs(test.server.url, session.joinCode, '佐藤', 'company')];
    const phones = await Promise.all(people.map((p) => socketFor(p.token)));

    const vote = await request<{ voteId: string }>(fac, 'vote:open', { room, itemIds: ids, dotsPerPerson: 3, maxPerItem: 3 });
    const named = await request<{ voteId: string }>(fac, 'vote:open', { room, itemIds: ids, dotsPerPerson: 3, maxPerItem: 3, anonymous: false });
    const poll = await request<{ pollId: string }>(fac, 'poll:open', { room, itemIds: ids });
    const voteId = vote.ok ? vote.voteId : '';
    const namedId = named.ok ? named.voteId : '';
    const pollId = poll.ok ? poll.pollId : '';
    for (const [i, phone] of phones.entries()) {
      expect(await request(phone, 'vote:cast', { voteId, itemId: ids[i], dots: 2 })).toMatchObject({ ok: true });
      expect(await request(phone, 'vote:cast', { voteId: namedId, itemId: ids[0], dots: 1 })).toMatchObject({ ok: true });
      expect(await request(phone, 'poll:answer', { pollId, itemId: ids[0], choice: i === 0 ? 'agree' : 'oppose', reason: '理由' })).toMatchObject({ ok: true });
      const survey = await fetch(`${test.server.url}/api/sessions/${session.id}/survey`, {
        method: 'POST',
        headers: { authorization: `Bearer ${people[i].token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ answers: { satisfaction: 'satisfied', comments: `感想 ${i}` } }),
      });
      expect(survey.status).toBe(204);
    }
    const participantIds = people.map((p) => p.participantId);
    type Export = {
      votes: Array<{ id: string; dots: Array<Record<string, unknown>> }>;
      polls: Array<{ answers: Array<Record<string, unknown>> }>;
      surveyResponses: Array<Record<string, unknown>>;
    };
    /** Every answer object (poll answers, survey responses, anonymous ballots) of an export, for the id check. */
    const answerObjects = (e: Export) => [...e.polls.flatMap((p) => p.answers), ...e.surveyResponses, ...e.votes.filter((v) => v.id !== namedId).flatMap((v) => v.dots)];
    const expectNoParticipantIds = (e: Export) => {
      for (const answer of answerObjects(e)) {
        const { keys, strings } = keysAndStrings(answer);
        expect(keys).not.toContain('participantId');
        expect(keys).not.toContain('participant_id');
        for (const id of participantIds) expect(strings).not.toContain(id);
      }
    };

    const before = await api.json<Export>('GET', `/api/sessions/${session.id}/export.json`);
    expect(before.votes.map((v) => v.dots)).toEqual([[], []]);
    expect(before.polls.map((p) => p.answers)).toEqual([[]]);
    expect(before.surveyResponses).toHaveLength(2);
    expectNoParticipantIds(before);

    for (const id of [voteId, namedId]) expect(await request(fac, 'vote:reveal', { voteId: id })).toMatchObject({ ok: true });
    expect(await request(fac, 'poll:reveal', { pollId })).toMatchObject({ ok: true });
    const after = await api.json<Export>('GET', `/api/sessions/${session.id}/export.json`);
    const anonymous = after.votes.find((v) => v.id === voteId)!;
    expect(anonymous.dots.map((d) => [d.itemId, d.dots]).sort()).toEqual([[ids[0], 2], [ids[1], 2]].sort());
    expect(new Set(anonymous.dots.map((d) => d.voter)).size).toBe(2);
    // A named vote's public state names its voters, so its ballots keep the participant.
    expect(after.votes.find((v) => v.id === namedId)!.dots.map((d) => d.participantId).sort()).toEqual([...participantIds].sort());
    expect(after.polls[0].answers.map((a) => [a.organizationType, a.choice]).sort()).toEqual([['company', 'oppose'], ['npo', 'agree']]);
    expectNoParticipantIds(after);

    // The pseudonymous export still imports into the same figures.
    const imported = await api.json<{ id: string }>('POST', '/api/sessions/import', after, 201);
    type Report = { votes: Array<{ voteId: string }>; polls: Array<{ results: Array<{ byOrganizationType: unknown }> }>; survey: unknown };
    const first = await api.json<Report>('GET', `/api/sessions/${session.id}/report`);
    const second = await api.json<Report>('GET', `/api/sessions/${imported.id}/report`);
    // Vote ids are new on import; the order of a named vote's voters is the database's.
    const withoutIds = (r: Report) => JSON.parse(JSON.stringify(r.votes.map(({ voteId: _, ...rest }) => rest)), (key, value: unknown) =>
      key === 'by' && Array.isArray(value) ? [...value].sort((a: { displayName: string }, b: { displayName: string }) => a.displayName.localeCompare(b.displayName)) : value) as unknown;
    expect(withoutIds(second)).toEqual(withoutIds(first));
    expect(second.survey).toEqual(first.survey);
    expect(second.polls[0].results.map((r) => r.byOrganizationType)).toEqual(first.polls[0].results.map((r) => r.byOrganizationType));
  });
});
