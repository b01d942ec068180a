import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CloseCode } from '../../shared/protocol';

/** The channels a client holds: the board's y-websocket and the socket.io command channel. */
export type Channel = 'yjs' | 'socketio';

/** What rooms and the store report as they work (a no-op when metrics are off). */
export interface RoomObserver {
  /** A write was relayed to the room's peers `seconds` after it reached the room (its commit included). */
  relayed(seconds: number): void;
}

export interface StoreObserver {
  /** One commit of `rows` appended updates took `seconds`. */
  committed(seconds: number, rows: number): void;
}

/** The app's metrics: what the server reports through them, and the registry `/metrics` reads. */
export interface Metrics extends RoomObserver, StoreObserver {
  registry: Registry;
  /** A socket closed; `reason` is a websocket close code (yjs) or socket.io's disconnect reason. */
  socketClosed(channel: Channel, reason: number | string): void;
}

/** Where the figures that are read at scrape time come from. */
export interface MetricSources {
  roomsLoaded(): number;
  clients(channel: Channel): number;
}

/** Observers that do nothing, for a server without metrics. */
export const NO_METRICS: RoomObserver & StoreObserver & Pick<Metrics, 'socketClosed'> = {
  relayed: () => undefined,
  committed: () => undefined,
  socketClosed: () => undefined,
};

const CLOSE_NAMES = new Map<number, string>([
  ...Object.entries(CloseCode).map(([name, code]) => [code, name] as [number, string]),
  [1000, 'normal'],
  [1005, 'noStatus'],
  [1006, 'abnormal'],
  [1009, 'messageTooBig'],
]);

/** socket.io's own disconnect reasons (anything else is counted as `other`, so labels stay few). */
const IO_REASONS = new Set([
  'io server disconnect',
  'io client disconnect',
  'server namespace disconnect',
  'client namespace disconnect',
  'server shutting down',
  'forced close',
  'forced server close',
  'ping timeout',
  'transport close',
  'transport error',
  'parse error',
]);

/** A bounded label for a close: the close code's name, or socket.io's reason. */
export function closeReason(channel: Channel, reason: number | string): string {
  if (channel === 'yjs') return CLOSE_NAMES.get(Number(reason)) ?? 'other';
  return IO_REASONS.has(String(reason)) ? String(reason) : 'other';
}

/**
 * Create one app's metrics on a registry of its own (several apps may share a process, as in
 * tests). Gauges are read from `sources` when scraped; the process's own figures (CPU, memory,
 * event-loop lag from monitorEventLoopDelay, GC) come from prom-client's defaults.
 */
export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  new Gauge({
    name: 'yoriai_rooms_loaded',
    help: 'Boards held in memory (including those being evicted).',
    registers: [registry],
    collect() {
      this.set(sources.roomsLoaded());
    },
  });
  new Gauge({
    name: 'yoriai_clients',
    help: 'Connected clients per channel.',
    labelNames: ['channel'],
    registers: [registry],
    collect() {
      for (const channel of ['yjs', 'socketio'] as const) this.set({ channel }, sources.clients(channel));
    },
  });
  const commits = new Histogram({
    name: 'yoriai_store_commit_seconds',
    help: 'Time of one group commit of board updates (with its fsync).',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  const stored = new Counter({ name: 'yoriai_stored_updates_total', help: 'Board updates committed to the store.', registers: [registry] });
  const relays = new Histogram({
    name: 'yoriai_fanout_lag_seconds',
    help: 'From a write reaching its room to its relay to the other peers (the commit it waits for included).',
    buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const closed = new Counter({
    name: 'yoriai_sockets_closed_total',
    help: 'Client sockets closed, by channel and reason (close code name for yjs, disconnect reason for socket.io).',
    labelNames: ['channel', 'reason'],
    registers: [registry],
  });
  return {
    registry,
    relayed: (seconds) => relays.observe(seconds),
    committed(seconds, rows) {
      commits.observe(seconds);
      stored.inc(rows);
    },
    socketClosed: (channel, reason) => closed.inc({ channel, reason: closeReason(channel, reason) }),
  };
}
