/**
 * Which sockets to ping on each tick, so that every socket is pinged once per round and a
 * round's pings are spread over its ticks. Pinging every board socket in one timer callback
 * (1,800 sockets at once) held the event loop for ~50 ms every 30 s, and every card of every
 * room waited behind it.
 */
export class PingRounds<T> {
  private readonly slices: Array<Set<T>>;
  private readonly sliceOf = new Map<T, Set<T>>();
  private next = 0;

  constructor(ticksPerRound: number) {
    this.slices = Array.from({ length: Math.max(1, ticksPerRound) }, () => new Set<T>());
  }

  /** Put a socket into the slice with the fewest sockets. */
  add(socket: T): void {
    if (this.sliceOf.has(socket)) return;
    const slice = this.slices.reduce((least, s) => (s.size < least.size ? s : least));
    slice.add(socket);
    this.sliceOf.set(socket, slice);
  }

  delete(socket: T): void {
    this.sliceOf.get(socket)?.delete(socket);
    this.sliceOf.delete(socket);
  }

  /** The sockets due on this tick (the next slice, in turn). */
  tick(): T[] {
    const slice = this.slices[this.next];
    this.next = (this.next + 1) % this.slices.length;
    return [...slice];
  }
}
