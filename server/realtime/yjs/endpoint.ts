import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as wsModule from 'ws';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { CloseCode } from '../../../shared/protocol';
import { LIMITS } from '../../../shared/limits';
import type { DomainListener } from '../../cluster/events';
import { hashToken } from '../../auth/tokens';
import { AppError } from '../../errors';
import { joinRoom, type PeerSession } from '../../rooms/connection';
import type { Peer } from '../../rooms/room';
import { authorizeRoom, resolveAccessToken } from '../../services/access.service';
import type { ServiceContext } from '../../services/context';
import { CONNECTIONS_PER_TOKEN, createConnectionCounter } from '../connection-caps';
import { boardTargetOf } from '../../http/url';
import { PingRounds } from './ping-rounds';

/** Every board socket is pinged once in this time (and cut if it has not answered the last ping). */
const PING_INTERVAL_MS = 30_000;
/** A round of pings is spread over this many ticks. */
const PING_TICKS = 30;

/** Frames up to this size are sent as one buffer (header and payload copied together). */
const MERGE_FRAME_BYTES = 64 * 1024;

/**
 * The websocket frame of a message, built once however many peers it goes to (a relayed card
 * goes to every phone in the room): a binary frame, unmasked, as ws itself would build it.
 * Written straight to each peer's socket; safe because our server never compresses, so ws's
 * sender writes synchronously and keeps no queue that a direct write could overtake.
 */
const frames = new WeakMap<Uint8Array, Buffer[]>();
interface FrameOptions {
  fin: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
  rsv1: boolean;
}
/** ws's own frame builder (exported by ws, missing from its type definitions). */
const { Sender } = wsModule as unknown as { Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } };
function frameOf(data: Uint8Array): Buffer[] {
  let frame = frames.get(data);
  if (!frame) {
    const [header, payload] = Sender.frame(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
      fin: true,
      opcode: 2,
      mask: false,
      readOnly: true,
      rsv1: false,
    });
    frame = data.byteLength <= MERGE_FRAME_BYTES ? [Buffer.concat([header, payload])] : [header, payload];
    frames.set(data, frame);
  }
  return frame;
}

/** The `/yjs/<room>` endpoint: authenticates, then hands the socket to the room. */
export interface YjsEndpoint {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Board sockets open now (metrics). */
  clientCount(): number;
  close(): void;
}

/** Create the y-websocket endpoint for an app. */
export function createYjsEndpoint(
  ctx: ServiceContext,
  isAllowedOrigin: (origin: string | undefined, host: string | undefined) => boolean,
  /** Told the close code of every board socket that closes (metrics). */
  onClosed: (code: number) => void = () => undefined,
): YjsEndpoint {
  // Anything larger than a writer may send is refused by ws itself (close 1009) before it is buffered.
  // No compression: a phone would pay for it in CPU, and `frameOf` relies on it.
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.writerMessageBytes, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();
  const boardConnections = createConnectionCounter(CONNECTIONS_PER_TOKEN.board);
  const byParticipant = new Map<string, Set<WebSocket>>();
  // Every process cuts the board sockets it holds, wherever the change was made.
  const onRemoved: DomainListener<'participant:removed'> = ({ participantId }) => {
    for (const ws of byParticipant.get(participantId) ?? []) ws.close(CloseCode.unauthorized, 'removed from the session');
  };
  ctx.events.on('participant:removed', onRemoved, { everywhere: true });
  const onChanged: DomainListener<'participant:changed'> = ({ participantId, permissions }) => {
    if (!permissions) return;
    for (const ws of byParticipant.get(participantId) ?? []) ws.close(CloseCode.permissionsChanged, 'permissions changed; reconnect');
  };
  ctx.events.on('participant:changed', onChanged, { everywhere: true });
  // Revoked tokens (logout, an observer link withdrawn): their board sockets close at once.
  const byToken = new Map<string, Set<WebSocket>>();
  const onRevoked: DomainListener<'access:revoked'> = ({ tokenHashes }) => {
    for (const hash of tokenHashes) for (const ws of byToken.get(hash) ?? []) ws.close(CloseCode.unauthorized, 'access revoked');
  };
  ctx.events.on('access:revoked', onRevoked, { everywhere: true });
  const rounds = new PingRounds<WebSocket>(PING_TICKS);
  const pinger = setInterval(() => {
    for (const ws of rounds.tick()) {
      if (alive.get(ws) === false) ws.terminate();
      else {
        alive.set(ws, false);
        ws.ping();
      }
    }
  }, PING_INTERVAL_MS / PING_TICKS);
  pinger.unref();

  const onConnection = (ws: WebSocket, req: IncomingMessage) => {
    ws.once('close', (code: number) => onClosed(code));
    alive.set(ws, true);
    rounds.add(ws);
    ws.once('close', () => rounds.delete(ws));
    ws.on('pong', () => alive.set(ws, true));
    // The upgrade dispatch answered 400 to a target that does not decode; this is its twin.
    const target = boardTargetOf(req.url ?? '');
    if (!target) return ws.close(CloseCode.badMessage, 'malformed room name');
    const { room, token } = target;
    // One token holds at most CONNECTIONS_PER_TOKEN.board board sockets at once.
    const release = boardConnections.acquire(token);
    if (!release) return ws.close(CloseCode.rateLimited, 'too many connections for this token');
    ws.once('close', release);
    const log = ctx.log.child({ room });
    const early: Uint8Array[] = [];
    let session: PeerSession | null = null;
    let closed = false;

    // Frames sent to this peer in one burst (the updates of one commit, relayed together) go
    // out in one write: the socket is corked at the first and uncorked once the burst is over.
    const tcp = req.socket;
    let corked = false;
    const uncork = () => {
      corked = false;
      tcp.uncork();
    };
    const peer: Peer = {
      send(data) {
        if (ws.readyState !== ws.OPEN) return;
        if (ws.bufferedAmount > ctx.config.maxBufferedBytes) {
          log.warn('peer too slow; cutting it off');
          ws.terminate();
          return;
        }
        if (!corked) {
          corked = true;
          tcp.cork();
          process.nextTick(uncork);
        }
        for (const part of frameOf(data)) tcp.write(part);
      },
      close(code, reason) {
        if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
      },
    };

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) return peer.close(CloseCode.badMessage, 'text frames are not part of the protocol');
      const bytes = toBytes(data);
      if (session) session.onMessage(bytes);
      else if (early.length < 32) early.push(bytes);
      else peer.close(CloseCode.rateLimited, 'too many messages before authentication');
    });
    ws.on('error', (error) => log.debug({ err: error }, 'socket error'));

    void (async () => {
      const actor = await resolveAccessToken(ctx, token);
      if (!actor) return peer.close(CloseCode.unauthorized, 'unknown or expired token');
      const tokenHash = hashToken(token);
      const sameToken = byToken.get(tokenHash) ?? new Set<WebSocket>();
      byToken.set(tokenHash, sameToken.add(ws));
      ws.once('close', () => {
        sameToken.delete(ws);
        if (sameToken.size === 0) byToken.delete(tokenHash);
      });
      const participantId = actor.participantId;
      if (participantId) {
        const set = byParticipant.get(participantId) ?? new Set<WebSocket>();
        set.add(ws);
        byParticipant.set(participantId, set);
        ws.once('close', () => {
          set.delete(ws);
          if (set.size === 0) byParticipant.delete(participantId);
        });
      }
      const { canWrite } = await authorizeRoom(ctx, actor, room);
      const held = await ctx.rooms.acquire(room);
      if (closed) return ctx.rooms.release(held);
      session = joinRoom(held, peer, canWrite);
      ws.once('close', () => {
        session?.onClose();
        ctx.rooms.release(held);
      });
      for (const bytes of early.splice(0)) session.onMessage(bytes);
    })().catch((error: unknown) => {
      const code =
        error instanceof AppError
          ? error.code === 'not_found'
            ? CloseCode.roomNotFound
            : error.code === 'forbidden'
              ? CloseCode.forbidden
              : CloseCode.roomUnavailable
          : CloseCode.roomUnavailable;
      if (code === CloseCode.roomUnavailable) log.error({ err: error }, 'room could not be opened');
      peer.close(code, error instanceof AppError ? error.message : 'room unavailable');
    });
    ws.once('close', () => {
      closed = true;
    });
  };
  wss.on('connection', onConnection);

  return {
    handleUpgrade(req, socket, head) {
      if (!isAllowedOrigin(req.headers.origin, req.headers.host)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    clientCount: () => wss.clients.size,
    close() {
      clearInterval(pinger);
      ctx.events.off('participant:removed', onRemoved);
      ctx.events.off('participant:changed', onChanged);
      ctx.events.off('access:revoked', onRevoked);
      for (const ws of wss.clients) ws.close(CloseCode.goingAway, 'server shutting down');
      wss.close();
    },
  };
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
