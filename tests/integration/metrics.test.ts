import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, request, whenConnected, whenSynced } from '../support/clients';
import { rawBoardSocket, syncUpdateFrame } from '../support/raw';
import { startTestServer, type TestServer } from '../support/server';

const TOKEN = 'metrics-secret-0123456789';

/** One sample of a Prometheus text exposition: `name{labels} value`, labels given as `a="b",c="d"` in order. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const key = labels ? `${name}{${labels}}` : name;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${key} `)) return Number(line.slice(key.length + 1));
  }
  return undefined;
}

describe('/metrics', () => {
  const servers: TestServer[] = [];
  const cleanups: Array<() => void> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0)) fn();
    for (const s of servers.splice(0)) await s.close();
  });
  async function start(metrics?: string) {
    const server = await startTestServer(metrics ? { metrics } : {});
    servers.push(server);
    return server;
  }
  const scrape = async (server: TestServer) => {
    const res = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.text();
  };

  it('asks for the token on the public port and shows the figures moving under a small load', async () => {
    const server = await start(`token:${TOKEN}`);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'unauthorized' } });

    const idle = await scrape(server);
    // The event loop held for 80 ms (the server runs in this process) shows in the next scrape.
    const until = performance.now() + 80;
    while (performance.now() < until) {
      // busy: nothing else runs meanwhile
    }
    expect(sample(await scrape(server), 'nodejs_eventloop_lag_max_seconds')).toBeGreaterThanOrEqual(0.05);
    expect(sample(idle, 'yoriai_rooms_loaded')).toBe(0);
    expect(sample(idle, 'yoriai_clients', 'channel="yjs"')).toBe(0);
    expect(sample(idle, 'yoriai_store_commit_seconds_count')).toBe(0);
    expect(sample(idle, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);

    const { session } = await createSessionAsAdmin(server.url);
    const p = await joinAs(server.url, session.joinCode, '田中');
    const room = p.boards[0].room;
    const board = connectBoard(server.url, room, p.token);
    cleanups.push(() => board.destroy());
    await whenSynced(board.provider);
    const socket = connectControl(server.url, p.token);
    cleanups.push(() => socket.close());
    await whenConnected(socket);
    for (let i = 0; i < 6; i++) expect((await request(socket, 'card:add', { room, id: randomUUID(), kind: 'issue', text: `カード${i}` })).ok).toBe(true);

    const busy = await scrape(server);
    expect(sample(busy, 'yoriai_rooms_loaded')).toBe(1);
    expect(sample(busy, 'yoriai_clients', 'channel="yjs"')).toBe(1);
    expect(sample(busy, 'yoriai_clients', 'channel="socketio"')).toBe(1);
    expect(sample(busy, 'yoriai_store_commit_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(busy, 'yoriai_stored_updates_total')).toBeGreaterThanOrEqual(6);
    expect(sample(busy, 'yoriai_store_commit_seconds_sum')).toBeGreaterThan(0);
    expect(sample(busy, 'yoriai_fanout_lag_seconds_count')).toBeGreaterThanOrEqual(6);

    // A read-only connection's direct write is closed as forbidden, and counted under that name.
    const reader = rawBoardSocket(server.url, room, p.token);
    reader.ws.on('open', () => reader.ws.send(syncUpdateFrame(new Uint8Array([1, 1, 200, 1, 0, 0]))));
    expect(await reader.closed).toBeGreaterThanOrEqual(4400);
    socket.close();
    board.destroy();
    await expect
      .poll(async () => {
        const after = await scrape(server);
        return [
          sample(after, 'yoriai_clients', 'channel="yjs"'),
          sample(after, 'yoriai_clients', 'channel="socketio"'),
          (sample(after, 'yoriai_sockets_closed_total', 'channel="yjs",reason="badMessage"') ?? 0) +
            (sample(after, 'yoriai_sockets_closed_total', 'channel="yjs",reason="forbidden"') ?? 0),
          sample(after, 'yoriai_sockets_closed_total', 'channel="socketio",reason="transport close"') ??
            sample(after, 'yoriai_sockets_closed_total', 'channel="socketio",reason="client namespace disconnect"'),
          sample(after, 'yoriai_rooms_loaded'),
        ];
      })
      .toEqual([0, 0, 1, 1, 0]);
  });

  it('serves them only on the separate localhost listener with port:<n>', async () => {
    const server = await start('port:0');
    expect(server.app.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    const res = await fetch(`${server.app.metricsUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(sample(await res.text(), 'yoriai_rooms_loaded')).toBe(0);
    expect((await fetch(`${server.app.metricsUrl}/api/me`)).status).toBe(404);
  });

  it('answers 404 when metrics are off (the default), not the client app', async () => {
    const server = await start();
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
