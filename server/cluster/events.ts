import { EventEmitter } from 'node:events';
import { z } from 'zod';
import type { ClusterBus } from './bus';

const sessionRef = z.object({ sessionId: z.string() });
const participantRef = z.object({ sessionId: z.string(), participantId: z.string() });

/**
 * The app's domain events, declared once: each one's payload, and whether it stays in this
 * process (`local`) or is also published to every other server process (`cluster`). Services
 * emit them; the realtime layer acts on them (services never touch sockets).
 * - `local`: socket.io broadcasts, whose Redis adapter already reaches every process's sockets;
 *   running them in each process would send everything once per process.
 * - `cluster`: each process must act on its own connections (a removed participant's board
 *   sockets are cut by the process that holds them).
 */
export const DOMAIN_EVENTS = {
  /** The session's control state, boards or participants changed (re-broadcast state and roster). */
  'session:changed': { scope: 'local', payload: sessionRef },
  /** Its decisions or follow-up actions changed. */
  'outcome:changed': { scope: 'local', payload: sessionRef },
  /** A participant changed table, or (with `permissions`) was appointed or relieved as scribe. */
  'participant:changed': { scope: 'cluster', payload: participantRef.extend({ permissions: z.boolean().optional() }) },
  /** The facilitator removed a participant: their tokens are revoked, their sockets must go. */
  'participant:removed': { scope: 'cluster', payload: participantRef },
  /** Tokens were revoked (a facilitator's at logout, an observer link): their sockets must go. */
  'access:revoked': { scope: 'cluster', payload: z.object({ sessionIds: z.array(z.string()), tokenHashes: z.array(z.string()) }) },
  /** The admin added, renamed or retired an organisation type: every process drops its cached list. */
  'organization-types:changed': { scope: 'cluster', payload: z.object({}) },
} as const satisfies Record<string, { scope: 'local' | 'cluster'; payload: z.ZodType }>;

type Table = typeof DOMAIN_EVENTS;
/** A domain event's name. */
export type DomainEventName = keyof Table;
/** Each domain event's payload. */
export type DomainEvents = { [E in DomainEventName]: z.infer<Table[E]['payload']> };
/** The events published to every server process. */
export type ClusterEventName = { [E in DomainEventName]: Table[E]['scope'] extends 'cluster' ? E : never }[DomainEventName];

/** A listener of one event. */
export type DomainListener<E extends DomainEventName> = (payload: DomainEvents[E]) => void;

/** How a listener hears an event: only this process's emits (default), or every process's (cluster events only). */
export interface ListenOptions {
  everywhere?: boolean;
}

/** The typed domain-event bus of an app. */
export interface DomainEventBus {
  emit<E extends DomainEventName>(name: E, payload: DomainEvents[E]): void;
  on<E extends DomainEventName>(name: E, listener: DomainListener<E>): void;
  /** Also hear the event when another server process emitted it. */
  on<E extends ClusterEventName>(name: E, listener: DomainListener<E>, options: ListenOptions): void;
  off<E extends DomainEventName>(name: E, listener: DomainListener<E>): void;
}

const isClusterEvent = (name: string): name is ClusterEventName => name in DOMAIN_EVENTS && DOMAIN_EVENTS[name as DomainEventName].scope === 'cluster';

/**
 * The domain events of an app over a cluster bus. A cluster event emitted here is published;
 * one received from another process is checked against its schema and passed to the listeners
 * that asked to hear every process's events.
 */
export function createDomainEvents(bus: ClusterBus): DomainEventBus {
  const here = new EventEmitter();
  const everywhere = new EventEmitter();
  here.setMaxListeners(50);
  everywhere.setMaxListeners(50);
  bus.onEvent((name, payload) => {
    if (!isClusterEvent(name)) return;
    const parsed = DOMAIN_EVENTS[name].payload.safeParse(payload);
    if (parsed.success) everywhere.emit(name, parsed.data);
  });
  return {
    emit(name, payload) {
      here.emit(name, payload);
      if (isClusterEvent(name)) {
        everywhere.emit(name, payload);
        bus.publishEvent(name, payload);
      }
    },
    on(name: DomainEventName, listener: (payload: never) => void, options?: ListenOptions) {
      (options?.everywhere ? everywhere : here).on(name, listener as (payload: unknown) => void);
    },
    off(name, listener) {
      here.off(name, listener);
      everywhere.off(name, listener);
    },
  };
}
