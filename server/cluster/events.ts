import { EventEmitter } from 'node:events';
import type { ClusterBus } from './bus';

/** Domain events every process must act on locally (each cuts its own board sockets). */
const CLUSTER_WIDE = new Set(['participant:removed', 'participant:changed']);

/** The name under which another process's event is emitted here. */
export const remote = (name: string) => `remote:${name}`;

/**
 * The app's domain events. Emitted locally as usual; the cluster-wide ones are also published,
 * and arrive in other processes as `remote:<name>` — so a listener that broadcasts through
 * socket.io (whose Redis adapter already reaches every process) runs once, while the board
 * endpoint listens to both names.
 */
export function createDomainEvents(bus: ClusterBus): EventEmitter {
  const events = new EventEmitter();
  events.setMaxListeners(50);
  const emit = events.emit.bind(events);
  events.emit = (name: string | symbol, ...args: unknown[]) => {
    const handled = emit(name, ...args);
    if (typeof name === 'string' && CLUSTER_WIDE.has(name)) bus.publishEvent(name, args[0]);
    return handled;
  };
  bus.onEvent((name, payload) => emit(remote(name), payload));
  return events;
}
