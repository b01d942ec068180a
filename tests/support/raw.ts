import WebSocket from 'ws';

/** A raw websocket to a board room, for sending frames no stock client would send. */
export function rawBoardSocket(url: string, room: string, token: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/yjs/${encodeURIComponent(room)}?token=${encodeURIComponent(token)}`, { headers });
  const messages: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
  });
  return { ws, closed, opened, messages };
}
