import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import type { ClusterBus, RoomMessageKind } from './bus';

const ROOM_PREFIX = 'yoriai:room:';
const EVENTS = 'yoriai:events';
const KINDS: RoomMessageKind[] = ['update', 'awareness'];

type RedisClient = ReturnType<typeof makeClient>;
/** The Redis connections of a process: publish and subscribe for rooms and events, and the same pair for socket.io's adapter. */
export interface RedisClients {
  pub: RedisClient;
  sub: RedisClient;
  adapterPub: RedisClient;
  adapterSub: RedisClient;
}

const makeClient = (url: string) => createClient({ url });

/** Connect the Redis clients (a subscribing connection can do nothing else, hence pairs). */
export async function connectRedis(url: string, log: Logger): Promise<RedisClients> {
  const clients = { pub: makeClient(url), sub: makeClient(url), adapterPub: makeClient(url), adapterSub: makeClient(url) };
  for (const client of Object.values(clients)) client.on('error', (error: unknown) => log.error({ err: error }, 'redis error'));
  await Promise.all(Object.values(clients).map((client) => client.connect()));
  return clients;
}

/** Close every Redis connection of the process. */
export async function closeRedis(clients: RedisClients): Promise<void> {
  await Promise.allSettled(Object.values(clients).map((client) => client.quit()));
}

/**
 * The cluster bus over Redis pub/sub. A room message is one binary frame: the kind (1 byte),
 * the sending process id (8 bytes), the payload; a process ignores its own messages.
 */
export function createRedisBus(clients: RedisClients, log: Logger): ClusterBus {
  const id = randomBytes(8);
  const processId = id.toString('hex');
  const eventHandlers: Array<(name: string, payload: unknown) => void> = [];
  let eventsSubscribed: Promise<void> | null = null;

  return {
    processId,
    publishRoom(room, kind, data) {
      const frame = Buffer.concat([Buffer.from([KINDS.indexOf(kind)]), id, data]);
      clients.pub.publish(ROOM_PREFIX + room, frame).catch((error: unknown) => log.error({ err: error, room }, 'could not publish room message'));
    },
    async subscribeRoom(room, handler) {
      await clients.sub.subscribe(
        ROOM_PREFIX + room,
        (frame: Buffer) => {
          if (frame.length < 9 || frame.subarray(1, 9).equals(id)) return;
          const kind = KINDS[frame[0]];
          if (kind) handler(kind, new Uint8Array(frame.buffer, frame.byteOffset + 9, frame.length - 9));
        },
        true,
      );
    },
    async unsubscribeRoom(room) {
      await clients.sub.unsubscribe(ROOM_PREFIX + room);
    },
    publishEvent(name, payload) {
      clients.pub.publish(EVENTS, JSON.stringify({ from: processId, name, payload })).catch((error: unknown) => log.error({ err: error }, 'could not publish event'));
    },
    onEvent(handler) {
      eventHandlers.push(handler);
      eventsSubscribed ??= clients.sub.subscribe(EVENTS, (message: string) => {
        const { from, name, payload } = JSON.parse(message) as { from: string; name: string; payload: unknown };
        if (from === processId) return;
        for (const h of eventHandlers) h(name, payload);
      });
    },
    async close() {
      await Promise.allSettled([clients.sub.unsubscribe()]);
    },
  };
}
