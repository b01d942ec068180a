import { describe, expect, it } from 'vitest';
import { createLocalBus, type ClusterBus } from '../../server/cluster/bus';
import { createDomainEvents } from '../../server/cluster/events';

/** A bus that records what is published and lets a test deliver another process's events. */
function fakeBus() {
  const published: Array<[string, unknown]> = [];
  let deliver: (name: string, payload: unknown) => void = () => undefined;
  const bus: ClusterBus = {
    ...createLocalBus(),
    publishEvent: (name, payload) => void published.push([name, payload]),
    onEvent: (handler) => void (deliver = handler),
  };
  return { bus, published, deliver: (name: string, payload: unknown) => deliver(name, payload) };
}

describe('domain events', () => {
  it('publish cluster events only, and pass another process’s events only to listeners that asked for every process', () => {
    const { bus, published, deliver } = fakeBus();
    const events = createDomainEvents(bus);
    const local: unknown[] = [];
    const everywhere: unknown[] = [];
    events.on('participant:removed', (p) => local.push(p));
    events.on('participant:removed', (p) => everywhere.push(p), { everywhere: true });

    events.emit('session:changed', { sessionId: 's1' });
    events.emit('participant:removed', { sessionId: 's1', participantId: 'p1' });
    expect(published).toEqual([['participant:removed', { sessionId: 's1', participantId: 'p1' }]]);
    expect(local).toEqual([{ sessionId: 's1', participantId: 'p1' }]);
    expect(everywhere).toEqual([{ sessionId: 's1', participantId: 'p1' }]);

    deliver('participant:removed', { sessionId: 's1', participantId: 'p2' });
    expect(local).toHaveLength(1);
    expect(everywhere).toEqual([{ sessionId: 's1', participantId: 'p1' }, { sessionId: 's1', participantId: 'p2' }]);
  });

  it('drops another process’s event that is local-only, unknown, or does not fit its schema', () => {
    const { bus, deliver } = fakeBus();
    const events = createDomainEvents(bus);
    const heard: unknown[] = [];
    events.on('participant:changed', (p) => heard.push(p), { everywhere: true });
    deliver('participant:changed', { sessionId: 's1' });
    deliver('session:changed', { sessionId: 's1' });
    deliver('constructor', {});
    expect(heard).toEqual([]);
    deliver('participant:changed', { sessionId: 's1', participantId: 'p1', permissions: true });
    expect(heard).toEqual([{ sessionId: 's1', participantId: 'p1', permissions: true }]);
  });

  it('stops calling a listener once it is taken off', () => {
    const events = createDomainEvents(createLocalBus());
    const heard: string[] = [];
    const listener = ({ sessionId }: { sessionId: string }) => heard.push(sessionId);
    events.on('outcome:changed', listener);
    events.emit('outcome:changed', { sessionId: 'a' });
    events.off('outcome:changed', listener);
    events.emit('outcome:changed', { sessionId: 'b' });
    expect(heard).toEqual(['a']);
  });
});
