import { describe, expect, it } from 'vitest';
import { ApiClient, createSessionAsAdmin } from '../support/api';
import { connectBoard, connectControl, whenConnected, whenSynced } from '../support/clients';
import { useTestServer } from '../support/lifecycle';

/** Resolve with the close code the server sends to a stock provider. */
function closeCodeOf(board: ReturnType<typeof connectBoard>): Promise<number> {
  return new Promise((resolve) => {
    board.provider.on('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1));
  });
}

async function meStatus(url: string, token: string): Promise<number> {
  return (await new ApiClient(url).request('GET', '/api/me', undefined, { authorization: `Bearer ${token}` })).status;
}

interface LinkView {
  id: string;
  createdAt: string;
  expiresAt: string;
  revoked: boolean;
}

describe('observer links', () => {
  const t = useTestServer();

  it('lists a session’s projector links without their tokens', async () => {
    const { api, session } = await createSessionAsAdmin(t.server.url);
    const first = await api.json<{ id: string; token: string; url: string }>('POST', `/api/sessions/${session.id}/observer-link`, undefined, 201);
    const second = await api.json<{ id: string; token: string }>('POST', `/api/sessions/${session.id}/observer-link`, undefined, 201);
    const res = await api.request('GET', `/api/sessions/${session.id}/observer-links`);
    const text = await res.text();
    expect(text).not.toContain(first.token);
    const links = JSON.parse(text) as LinkView[];
    expect(links.map((l) => l.id).sort()).toEqual([first.id, second.id].sort());
    for (const link of links) {
      expect(link.revoked).toBe(false);
      expect(Date.parse(link.expiresAt) - Date.parse(link.createdAt)).toBe(7 * 24 * 3600_000);
    }
  });

  it('revokes a projector link and cuts its board and control sockets at once', async () => {
    const { api, session } = await createSessionAsAdmin(t.server.url);
    const link = await api.json<{ id: string; token: string }>('POST', `/api/sessions/${session.id}/observer-link`, undefined, 201);
    const board = connectBoard(t.server.url, session.boards[0].room, link.token);
    t.defer(() => board.destroy());
    await whenSynced(board.provider);
    const socket = connectControl(t.server.url, link.token);
    t.defer(() => socket.close());
    await whenConnected(socket);
    const boardClosed = closeCodeOf(board);
    const revokedNotice = new Promise<{ reason: string }>((resolve) => socket.once('session:revoked', resolve));
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));

    expect((await api.request('DELETE', `/api/sessions/${session.id}/observer-links/${link.id}`)).status).toBe(204);
    expect(await boardClosed).toBe(4401);
    expect(await revokedNotice).toEqual({ reason: 'revoked' });
    await disconnected;
    expect(await meStatus(t.server.url, link.token)).toBe(401);
    const again = connectControl(t.server.url, link.token);
    t.defer(() => again.close());
    await expect(whenConnected(again)).rejects.toThrow(/unauthorized/);
    const links = await api.json<LinkView[]>('GET', `/api/sessions/${session.id}/observer-links`);
    expect(links).toMatchObject([{ id: link.id, revoked: true }]);
  });

  it('lets only the session’s managers list or revoke its links', async () => {
    const { api, session } = await createSessionAsAdmin(t.server.url);
    const link = await api.json<{ id: string; token: string }>('POST', `/api/sessions/${session.id}/observer-link`, undefined, 201);
    await api.json('POST', '/api/users', { email: 'other@example.jp', password: 'other facilitator', displayName: '別の人', role: 'facilitator' }, 201);
    const other = new ApiClient(t.server.url);
    await other.login('other@example.jp', 'other facilitator');
    expect((await other.request('GET', `/api/sessions/${session.id}/observer-links`)).status).toBe(403);
    expect((await other.request('DELETE', `/api/sessions/${session.id}/observer-links/${link.id}`)).status).toBe(403);
    expect((await api.request('DELETE', `/api/sessions/${session.id}/observer-links/nope`)).status).toBe(404);
    expect(await meStatus(t.server.url, link.token)).toBe(200);
  });
});

describe('facilitator tokens at logout', () => {
  const t = useTestServer();

  it('revokes the socket token of a login at logout and cuts its sockets, leaving other logins alone', async () => {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(t.server.url);
    const laptop = new ApiClient(t.server.url);
    await laptop.login();
    const { token: laptopToken } = await laptop.json<{ token: string }>('GET', `/api/sessions/${session.id}/token`);
    const board = connectBoard(t.server.url, session.boards[0].room, facilitatorToken);
    t.defer(() => board.destroy());
    await whenSynced(board.provider);
    const socket = connectControl(t.server.url, facilitatorToken);
    t.defer(() => socket.close());
    await whenConnected(socket);
    const boardClosed = closeCodeOf(board);
    const revokedNotice = new Promise<{ reason: string }>((resolve) => socket.once('session:revoked', resolve));

    expect((await api.request('POST', '/api/auth/logout')).status).toBe(204);
    expect(await boardClosed).toBe(4401);
    expect(await revokedNotice).toEqual({ reason: 'revoked' });
    expect(await meStatus(t.server.url, facilitatorToken)).toBe(401);
    expect(await meStatus(t.server.url, laptopToken)).toBe(200);
  });
});
