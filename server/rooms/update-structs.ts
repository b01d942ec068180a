import type * as Y from 'yjs';

type Struct = Y.Item | Y.GC;

/** An update's structs by client, each list in clock order (as Yjs encodes them). */
export function structsByClient(structs: Iterable<Struct>, keep: (struct: Struct) => boolean = () => true): Map<number, Struct[]> {
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs) {
    if (!keep(struct)) continue;
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  return byClient;
}

/** The struct of `byClient` whose clock range holds `id`, by binary search, or null. */
export function findInUpdate(byClient: ReadonlyMap<number, Struct[]>, id: Y.ID): Struct | null {
  const list = byClient.get(id.client);
  if (!list) return null;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const s = list[mid];
    if (id.clock < s.id.clock) high = mid - 1;
    else if (id.clock >= s.id.clock + s.length) low = mid + 1;
    else return s;
  }
  return null;
}
