import net from 'node:net';
import { randomBytes } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';

/** A y-sync "update" message (sync, update) around arbitrary update bytes. */
export function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

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

/**
 * A board connection that completes the websocket handshake and then never reads a byte,
 * like a phone that froze: a plain TCP socket, so nothing resumes reading behind our back.
 */
export function stalledBoardSocket(
  url: string,
  room: string,
  token: string,
): Promise<{ closed: Promise<void>; resume(): void; bytesRead(): number; destroy(): void }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(
        `GET /yjs/${encodeURIComponent(room)}?token=${encodeURIComponent(token)} HTTP/1.1\r\n` +
          `Host: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.once('data', (head: Buffer) => {
      if (!head.toString('latin1').startsWith('HTTP/1.1 101')) return reject(new Error('handshake refused'));
      let read = 0;
      socket.on('data', (chunk: Buffer) => (read += chunk.length));
      socket.pause();
      const closed = new Promise<void>((done) => socket.once('close', () => done()));
      resolve({ closed, resume: () => socket.resume(), bytesRead: () => read, destroy: () => socket.destroy() });
    });
    socket.on('error', () => undefined);
  });
}
