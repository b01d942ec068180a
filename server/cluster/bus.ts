/** What travels between server processes about a room. */
export type RoomMessageKind = 'update' | 'awareness';

/**
 * The link between server processes: board updates and presence of a room (stored once by the
 * process that received them, relayed by every process to its own peers), and the few domain
 * events each process must act on locally (cutting a removed participant's board sockets).
 * One process alone uses the local bus, which does nothing.
 */
export interface ClusterBus {
  readonly processId: string;
  publishRoom(room: string, kind: RoomMessageKind, data: Uint8Array): void;
  /** Receive other processes' messages for a room until `unsubscribeRoom`. */
  subscribeRoom(room: string, handler: (kind: RoomMessageKind, data: Uint8Array) => void): Promise<void>;
  unsubscribeRoom(room: string): Promise<void>;
  publishEvent(name: string, payload: unknown): void;
  /** Receive other processes' events. */
  onEvent(handler: (name: string, payload: unknown) => void): void;
  close(): Promise<void>;
}

/** The bus of a single process: nothing to tell anyone. */
export function createLocalBus(): ClusterBus {
  return {
    processId: 'local',
    publishRoom: () => undefined,
    subscribeRoom: async () => undefined,
    unsubscribeRoom: async () => undefined,
    publishEvent: () => undefined,
    onEvent: () => undefined,
    close: async () => undefined,
  };
}
