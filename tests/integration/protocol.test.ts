import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { describe, expect, it, vi } from 'vitest';
import { type BroadcastName, PROTOCOL_VERSION, type RequestName } from '../../shared/protocol';
import { BROADCASTS, REQUESTS } from '../../shared/protocol/table';
import { createSessionAsAdmin } from '../support/api';
import { connectControl, type ControlSocket, request, whenConnected } from '../support/clients';
import { useTestServer } from '../support/lifecycle';

/** The socket.io protocol table is what the server speaks: handshake, roles, payloads, acks, broadcasts. */
describe('socket protocol', () => {
  const test = useTestServer();

  function open(auth: Record<string, unknown>): ControlSocket {
    const socket: ControlSocket = io(test.server.url, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
    test.defer(() => socket.close());
    return socket;
  }

  it('accepts a handshake with the current protocol version or none, and refuses another with protocol_mismatch', async () => {
    const { facilitatorToken: token } = await createSessionAsAdmin(test.server.url);
    await whenConnected(open({ token }));
    await whenConnected(open({ token, protocol: PROTOCOL_VERSION }));
    const future = open({ token, protocol: PROTOCOL_VERSION + 1 });
    const refusal = await new Promise<Error & { data?: unknown }>((resolve) => future.once('connect_error', resolve));
    expect(refusal.message).toBe('protocol_mismatch');
    expect(refusal.data).toEqual({ supported: [PROTOCOL_VERSION] });
    const garbled = open({ token, protocol: 'one' });
    await expect(whenConnected(garbled)).rejects.toThrow('protocol_mismatch');
  });

  it('answers a role the table does not list with forbidden before looking at the payload', async () => {
    const { api, session } = await createSessionAsAdmin(test.server.url);
    const { token } = await api.json<{ token: string }>('POST', `/api/sessions/${session.id}/observer-link`, {}, 201);
    const projector = connectControl(test.server.url, token);
    test.defer(() => projector.close());
    await whenConnected(projector);
    expect(await request(projector, 'vote:cast', { voteId: 'v', itemId: 'i', dots: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A malformed payload from a role that may not send the event at all is still `forbidden`.
    expect(await request(projector, 'vote:cast', 'junk')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(projector, 'vote:get', 'junk')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('answers every request of the table, and its successful acks and broadcasts match the table’s schemas', async () => {
    const { session, facilitatorToken } = await createSessionAsAdmin(test.server.url);
    const room = session.boards[0].room;
    const fac = connectControl(test.server.url, facilitatorToken);
    test.defer(() => fac.close());
    const seen = new Map<BroadcastName, unknown[]>();
    for (const name of Object.keys(BROADCASTS) as BroadcastName[]) {
      fac.on(name, (payload: unknown) => seen.set(name, [...(seen.get(name) ?? []), payload]));
    }
    await whenConnected(fac);
    for (const name of Object.keys(REQUESTS) as RequestName[]) {
      const ack = await request(fac, name, 12345);
      expect(ack, name).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(bad_request|forbidden)$/) } });
    }

    const ok = async (name: RequestName, payload: unknown) => {
      const ack = await request(fac, name, payload);
      expect(ack, name).toMatchObject({ ok: true });
      const { ok: _ok, ...rest } = ack as { ok: true };
      expect(REQUESTS[name].ack.strict().safeParse(rest).success, name).toBe(true);
      return rest as Record<string, string>;
    };
    const cardId = randomUUID();
    await ok('card:add', { room, id: cardId, kind: 'idea', text: '子ども食堂' });
    await ok('card:edit', { room, id: cardId, text: '子ども食堂を週二回' });
    await ok('phase:set', { index: 0 });
    const { voteId } = await ok('vote:open', { room, itemIds: [cardId], dotsPerPerson: 3, maxPerItem: 2, anonymous: false });
    await ok('vote:get', { voteId });
    await ok('vote:reveal', { voteId });
    const { pollId } = await ok('poll:open', { room, itemIds: [cardId], scale: 'fist-of-five' });
    await ok('poll:get', { pollId });
    await ok('poll:reveal', { pollId });

    await vi.waitFor(() => expect([...seen.keys()].sort()).toEqual(['outcome:state', 'poll:state', 'roster:state', 'session:state', 'vote:state']));
    for (const [name, payloads] of seen) {
      for (const payload of payloads) expect(BROADCASTS[name].payload.safeParse(payload).success, name).toBe(true);
    }
  });
});
