import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { putCard } from '../../shared/board/model';
import type { JoinResult } from '../../shared/schemas/api';
import { ApiClient, createSessionAsAdmin } from '../support/api';
import type { ServerProc } from './procs';

/** Microseconds on the monotonic clock every thread and process of this machine shares. */
export function nowUs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e6 + ns / 1e3;
}

/** What a benchmark card carries so observers find it without a document: `[b:<seq>:<sent µs>]`. */
export const MARK = '[b:';

const BASE_TEXT =
  '子ども食堂の運営について、地域のボランティアが不足しており、調理と配膳の担い手を確保する仕組みが必要だと感じています。学校や自治会と連携して募集できないでしょうか。';

/** A card text of about 240 UTF-8 bytes (Japanese, as on a real board) with the marker at the end. */
export function cardText(seq: number, sentUs: number): string {
  const mark = `${MARK}${seq}:${Math.round(sentUs)}]`;
  const budget = 240 - Buffer.byteLength(mark);
  let text = '';
  for (const char of BASE_TEXT) {
    if (Buffer.byteLength(text + char) > budget) break;
    text += char;
  }
  return text + mark;
}

/** Where the clients of one server connect, and with what. */
export interface Target {
  server: ServerProc;
  /** y-websocket base URL (`ws://host:port/yjs` for Yoriai, `ws://host:port` for the reference). */
  wsBase: string;
  room: string;
  /** Token for writers (facilitator), or '' for the reference. */
  writerToken: string;
  /** One token per observer (participants), or '' each for the reference. */
  observerTokens: string[];
  /** socket.io participant tokens (Yoriai only). */
  participants: JoinResult[];
  /** The session's join code (Yoriai only). */
  joinCode?: string;
}

/** The full URL a protocol-level observer opens. */
export function roomUrl(target: Pick<Target, 'wsBase' | 'room'>, token: string): string {
  const url = `${target.wsBase}/${encodeURIComponent(target.room)}`;
  return token ? `${url}?token=${encodeURIComponent(token)}` : url;
}

/** Run `task` over `items` with at most `limit` at once. */
export async function pool<T, R>(items: T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        out[index] = await task(items[index], index);
      }
    }),
  );
  return out;
}

/** A Yoriai session (admin login, free board), its facilitator token, and `participants` joined. */
export async function prepareYoriai(server: ServerProc, participants: number, title = 'ベンチマーク'): Promise<Target> {
  const { api, session, facilitatorToken } = await createSessionAsAdmin(server.url, title);
  // A session admits 300 identities unless its facilitator raises the limit.
  if (participants > session.participantCap) await api.json('PATCH', `/api/sessions/${session.id}`, { participantCap: participants });
  const orgs = ['npo', 'company', 'resident', 'government', 'university', 'medical'];
  const joined = await pool(Array.from({ length: participants }, (_, i) => i), 8, (i) =>
    new ApiClient(server.url).json<JoinResult>('POST', '/api/join', { joinCode: session.joinCode, displayName: `参加者${i + 1}`, organizationType: orgs[i % orgs.length] }, 201),
  );
  return {
    server,
    wsBase: server.url.replace(/^http/, 'ws') + '/yjs',
    room: session.boards[0].room,
    writerToken: facilitatorToken,
    observerTokens: joined.map((j) => j.token),
    participants: joined,
    joinCode: session.joinCode,
  };
}

/** A reference-server room: any name, no tokens. */
export function prepareReference(server: ServerProc, observers: number, room = `bench-${randomUUID()}`): Target {
  return { server, wsBase: server.url.replace(/^http/, 'ws'), room, writerToken: '', observerTokens: new Array(observers).fill(''), participants: [] };
}

/** A stock y-websocket client with a full Y.Doc and presence (the stock Awareness renews it every 15 s). */
export interface Writer {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: Promise<void>;
  writeCard(seq: number, id?: string): void;
  destroy(): void;
}

export function connectWriter(target: Pick<Target, 'wsBase' | 'room' | 'writerToken'>, name: string, presence = true): Writer {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(target.wsBase, target.room, doc, {
    params: target.writerToken ? { token: target.writerToken } : {},
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 1000,
  });
  if (presence) provider.awareness.setLocalState({ user: { name, color: '#1f4e79' }, cursor: { x: 412, y: 288 }, view: 'board' });
  else provider.awareness.setLocalState(null);
  const synced = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`writer ${name} did not sync within 30 s`)), 30_000);
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      clearTimeout(timer);
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  const authorId = randomUUID();
  return {
    doc,
    provider,
    synced,
    writeCard(seq, id = randomUUID()) {
      const sent = nowUs();
      putCard(doc, {
        id,
        kind: 'idea',
        text: cardText(seq, sent),
        authorId,
        authorName: name,
        organizationType: 'npo',
        anonymous: false,
        createdAt: new Date().toISOString(),
      });
    },
    destroy() {
      provider.awareness.setLocalState(null);
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * Send cards at `perSecond` in total, round robin over `send`, smoothly (a 10 ms tick sends
 * whatever is due). Returns a function that stops it and says how many were sent.
 */
export function pace(perSecond: number, send: (seq: number) => void, firstSeq = 0): { stop(): number; sent(): number } {
  const start = performance.now();
  let seq = firstSeq;
  const tick = () => {
    const due = firstSeq + Math.floor(((performance.now() - start) / 1000) * perSecond);
    while (seq < due) send(seq++);
  };
  const timer = setInterval(tick, 10);
  return {
    stop() {
      clearInterval(timer);
      return seq - firstSeq;
    },
    sent: () => seq,
  };
}
