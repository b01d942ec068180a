import * as Y from 'yjs';
import { findInUpdate, structsByClient } from './update-structs';
import { BOARD_SCHEMA, type BoardRootKey, type EntitySpec, type FieldSpec, fieldProblem, fieldSpec, isBoardRootKey } from '../../shared/board/schema';
import { holdsAtLeast } from '../../shared/board/model';

/*
 * The board schema applied to what a direct write would do to the document, before it is
 * applied: each struct the update adds is placed where Yjs would integrate it (its parent
 * given, or inherited from its origin as Yjs does), and what lands there must fit the schema of
 * that place — a field value of the right type and size, a new card with every required field,
 * no more cards than a board may hold, no deletion that would leave an entity without a required
 * field. Because every value is checked on its own, whichever of two concurrent values Yjs
 * keeps, the entity still fits. Written by hand: Yjs has no schema of its own, and applying the
 * update to a copy of the document would cost a copy of a 5,000-card board per write.
 */

/** Why an update's effect does not fit the board, or null when it does. */
export interface BoardProblem {
  reason: 'schema' | 'too_large';
  detail: string;
}

interface Decoded {
  structs: Array<Y.Item | Y.GC>;
  ds: { clients: Map<number, Array<{ clock: number; len: number }>> };
}

/** Where an item sits: directly in a top-level type, or inside the type held by another item. */
type Container = { root: string } | { parent: Y.Item } | null;
interface Place {
  container: Container;
  sub: string | null;
}

/** An item's place two levels deep at most: an entity (or record field) in a root, or a field of one. */
type Location =
  | { depth: 1; root: BoardRootKey; sub: string | null }
  | { depth: 2; root: BoardRootKey; entity: Y.Item; key: string | null; sub: string | null }
  | { depth: 'detached' }
  | { depth: 'deeper' }
  | { depth: 'unknown-root'; root: string };

/** Check the effect of a decoded, dependency-complete update on `doc` against the board schema. */
export function checkBoardEffect(doc: Y.Doc, decoded: Decoded): BoardProblem | null {
  const before = new Map<number, number>();
  const stateBefore = (client: number) => {
    let state = before.get(client);
    if (state === undefined) before.set(client, (state = Y.getState(doc.store, client)));
    return state;
  };
  const byClient = structsByClient(decoded.structs);
  const locator = createLocator(doc, stateBefore, byClient, new Set(decoded.structs));
  const schema = (problem: string): BoardProblem => ({ reason: 'schema', detail: problem });

  /** New entities (Y.Maps put into `stages`, `cards`, …) and the fields the update gives each. */
  const newEntities = new Map<Y.Item, { root: BoardRootKey; key: string | null }>();
  /** Per entity, per field: the values the update gives it (those its own delete set removes left out). */
  const fieldsSet = new Map<Y.Item, Map<string, Y.Item[]>>();
  const newKeys = new Map<BoardRootKey, Set<string>>();
  let newStages = 0;
  const textGrowth = new Map<Y.Item, { max: number; chars: number }>();

  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.id.clock + struct.length <= stateBefore(struct.id.client)) continue;
    const content = struct.content;
    if (content instanceof Y.ContentDeleted) continue;
    const at = locator.locate(struct);
    if (at.depth === 'detached') continue;
    if (at.depth === 'unknown-root') return schema(`unknown top-level type ${at.root.slice(0, 40)}`);
    if (at.depth === 'deeper') return schema(`nothing on a board nests this deep`);
    const part = BOARD_SCHEMA[at.root];

    if (at.depth === 1) {
      if (part.shape === 'record') {
        const field = at.sub === null ? undefined : fieldSpec(part.spec, at.sub);
        if (!field || at.sub === null) return schema(`${at.root} has no field ${JSON.stringify(String(at.sub).slice(0, 40))}`);
        if (field.type === 'text') {
          if (!(content instanceof Y.ContentType && content.type instanceof Y.Text)) return schema(`${at.root}.${at.sub} must be co-edited text`);
          textGrowth.set(struct, { max: field.max, chars: 0 });
          continue;
        }
        const problem = valueProblem(field, content);
        if (problem) return schema(`${at.root}.${at.sub}: ${problem}`);
        continue;
      }
      if (!(content instanceof Y.ContentType && content.type instanceof Y.Map)) return schema(`each entry of ${at.root} must be a map`);
      if (part.shape === 'list') {
        if (at.sub !== null) return schema(`${at.root} is a list`);
        newStages += 1;
      } else {
        if (at.sub === null) return schema(`${at.root} is keyed by id`);
        const idProblem = fieldProblem(part.spec.id as FieldSpec, at.sub);
        if (idProblem) return schema(`${at.root} key: ${idProblem}`);
        const keys = newKeys.get(at.root) ?? new Set<string>();
        keys.add(at.sub);
        newKeys.set(at.root, keys);
      }
      newEntities.set(struct, { root: at.root, key: at.sub });
      continue;
    }

    // Depth 2: a field of an entity, or the characters of a persona's co-edited text.
    const holder = at.entity.content;
    if (part.shape === 'record') {
      const field = at.key === null ? undefined : fieldSpec(part.spec, at.key);
      if (!field || field.type !== 'text' || !(holder instanceof Y.ContentType && holder.type instanceof Y.Text)) {
        return schema(`${at.root}.${String(at.key)} holds no nested values`);
      }
      if (at.sub !== null || !(content instanceof Y.ContentString)) return schema(`${at.root}.${at.key} holds plain characters only`);
      const growth = textGrowth.get(at.entity) ?? { max: field.max, chars: 0 };
      growth.chars += content.str.length;
      textGrowth.set(at.entity, growth);
      continue;
    }
    if (!(holder instanceof Y.ContentType && holder.type instanceof Y.Map)) return schema(`${at.root} entry is not a map`);
    const field = at.sub === null ? undefined : fieldSpec(part.spec, at.sub);
    if (!field || at.sub === null) return schema(`${at.root} entries have no field ${JSON.stringify(String(at.sub).slice(0, 40))}`);
    const problem = valueProblem(field, content);
    if (problem) return schema(`${at.root}.${at.sub}: ${problem}`);
    if (at.sub === 'id' && part.shape === 'keyed' && (content as Y.ContentAny).arr[0] !== at.key) {
      return schema(`${at.root} entry's id must equal its key`);
    }
    // A value the update's own delete set removes gives the entity nothing (a client without GC sends those).
    if (deletedBy(decoded.ds, struct.id)) continue;
    const fields = fieldsSet.get(at.entity) ?? new Map<string, Y.Item[]>();
    fields.set(at.sub, [...(fields.get(at.sub) ?? []), struct]);
    fieldsSet.set(at.entity, fields);
  }

  for (const [entity, { root }] of newEntities) {
    if (deletedBy(decoded.ds, entity.id)) continue;
    const given = fieldsSet.get(entity) ?? new Map<string, Y.Item[]>();
    const missing = requiredFields(BOARD_SCHEMA[root].spec).find((field) => !given.has(field));
    if (missing) return schema(`a new ${root} entry lacks ${missing}`);
  }

  const parts = { stages: doc.getArray('stages'), keyed: (root: BoardRootKey) => doc.getMap<unknown>(root) };
  if (newStages > 0 && parts.stages.length + newStages > BOARD_SCHEMA.stages.max) {
    return { reason: 'too_large', detail: `a board holds at most ${BOARD_SCHEMA.stages.max} stages` };
  }
  for (const [root, keys] of newKeys) {
    const part = BOARD_SCHEMA[root];
    if (part.shape !== 'keyed') continue;
    const map = parts.keyed(root);
    let added = 0;
    for (const key of keys) if (!map.has(key)) added += 1;
    if (added > 0 && holdsAtLeast(map, part.max - added + 1)) return { reason: 'too_large', detail: `a board holds at most ${part.max} ${root}` };
  }
  for (const [holder, { max, chars }] of textGrowth) {
    const current = holder.id.clock < stateBefore(holder.id.client) && holder.content instanceof Y.ContentType ? (holder.content.type as Y.Text).length : 0;
    if (current + chars > max) return { reason: 'too_large', detail: `text longer than ${max} characters` };
  }

  return checkDeletions(doc, decoded, locator, stateBefore, fieldsSet);
}

/** Refuse a deletion that would leave a live entity without a required field the update does not set again. */
function checkDeletions(
  doc: Y.Doc,
  decoded: Decoded,
  locator: Locator,
  stateBefore: (client: number) => number,
  fieldsSet: Map<Y.Item, Map<string, Y.Item[]>>,
): BoardProblem | null {
  for (const [client, ranges] of decoded.ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs || structs.length === 0) continue;
    const known = stateBefore(client);
    for (const { clock, len } of ranges) {
      if (len === 0 || clock >= known) continue;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i];
        if (struct.id.clock >= clock + len) break;
        if (!(struct instanceof Y.Item) || struct.deleted || struct.parentSub === null) continue;
        const at = locator.locate(struct);
        if (at.depth !== 2 || at.sub === null) continue;
        const part = BOARD_SCHEMA[at.root];
        if (part.shape === 'record') continue;
        const field = fieldSpec(part.spec, at.sub);
        if (!field?.required || at.entity.deleted || deletedBy(decoded.ds, at.entity.id)) continue;
        // Replaced in the same update by a value that comes after it — as a client that saw it
        // writes one, its origin the old value — so the new value is the one Yjs keeps. A value
        // placed before it (an older origin) would lose to the deleted one, leaving the field empty.
        if (replacesLive(struct, fieldsSet.get(at.entity)?.get(at.sub) ?? [])) continue;
        return { reason: 'schema', detail: `would remove the required field ${at.sub} of a ${at.root} entry` };
      }
    }
  }
  return null;
}

/** Whether one of `values` (the update's values for the field of `live`) integrates after `live`: its origin chain, through the update's own values, reaches `live`'s last id. */
function replacesLive(live: Y.Item, values: Y.Item[]): boolean {
  const lastClock = live.id.clock + live.length - 1;
  const isLive = (id: Y.ID | null) => !!id && id.client === live.id.client && id.clock === lastClock;
  const byLastId = new Map(values.map((v) => [`${v.id.client}:${v.id.clock + v.length - 1}`, v]));
  for (const value of values) {
    let step: Y.Item | undefined = value;
    for (let hops = 0; step && hops <= values.length; hops++) {
      if (isLive(step.origin)) return true;
      step = step.origin ? byLastId.get(`${step.origin.client}:${step.origin.clock}`) : undefined;
    }
  }
  return false;
}

interface Locator {
  locate(item: Y.Item): Location;
}

/**
 * Places items the way Yjs's integration would: an explicit parent (a root name, or the item
 * holding a type), else the parent and key of the left origin, else of the right origin; a
 * parent that holds no type makes the item garbage (detached).
 */
function createLocator(
  doc: Y.Doc,
  stateBefore: (client: number) => number,
  byClient: Map<number, Array<Y.Item | Y.GC>>,
  fromUpdate: ReadonlySet<unknown>,
): Locator {
  const places = new Map<Y.Item, Place | null>();

  const lookup = (id: Y.ID): Y.Item | Y.GC | null =>
    id.clock < stateBefore(id.client) ? (Y.getItem(doc.store, id) as Y.Item | Y.GC) : findInUpdate(byClient, id);

  // Items of the document have their parent type; items of the update still carry the ids the encoding gave.
  const isIntegrated = (item: Y.Item) => !fromUpdate.has(item);

  /** Explicit place of an item, or 'inherit' when Yjs takes it from the item's origin. */
  const ownPlace = (item: Y.Item): Place | null | 'inherit' => {
    if (isIntegrated(item)) {
      const parent = item.parent as Y.AbstractType<unknown> | null;
      if (!parent) return null;
      return parent._item ? { container: { parent: parent._item }, sub: item.parentSub } : { container: { root: Y.findRootTypeKey(parent) }, sub: item.parentSub };
    }
    const parent = item.parent as Y.ID | string | null;
    if (typeof parent === 'string') return { container: { root: parent }, sub: item.parentSub };
    if (parent instanceof Y.ID) {
      const holder = lookup(parent);
      return holder instanceof Y.Item && holder.content instanceof Y.ContentType ? { container: { parent: holder }, sub: item.parentSub } : null;
    }
    return 'inherit';
  };

  // Iterative, since origins chain along a list: a chain is walked once and every item on it
  // remembered; a crafted cycle is detached.
  const place = (start: Y.Item): Place | null => {
    const chain = new Set<Y.Item>();
    let item: Y.Item | null = start;
    let result: Place | null = null;
    while (item) {
      if (places.has(item)) {
        result = places.get(item)!;
        break;
      }
      if (chain.has(item)) break;
      chain.add(item);
      const own = ownPlace(item);
      if (own !== 'inherit') {
        result = own;
        break;
      }
      const left: Y.Item | Y.GC | null = item.origin ? lookup(item.origin) : null;
      const right: Y.Item | Y.GC | null = !left && item.rightOrigin ? lookup(item.rightOrigin) : null;
      item = left instanceof Y.Item ? left : right instanceof Y.Item ? right : null;
    }
    for (const walked of chain) places.set(walked, result);
    return result;
  };

  const rootOf = (container: Container): string | null => (container && 'root' in container ? container.root : null);

  return {
    locate(item) {
      const here = place(item);
      if (!here?.container) return { depth: 'detached' };
      const root = rootOf(here.container);
      if (root !== null) return isBoardRootKey(root) ? { depth: 1, root, sub: here.sub } : { depth: 'unknown-root', root };
      const entity = (here.container as { parent: Y.Item }).parent;
      const up = place(entity);
      if (!up?.container) return { depth: 'detached' };
      const upRoot = rootOf(up.container);
      if (upRoot === null) return { depth: 'deeper' };
      if (!isBoardRootKey(upRoot)) return { depth: 'unknown-root', root: upRoot };
      return { depth: 2, root: upRoot, entity, key: up.sub, sub: here.sub };
    },
  };
}

/** Why an item's content is not one value fitting `field`, or null. */
function valueProblem(field: FieldSpec, content: Y.Item['content']): string | null {
  if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return 'must be one plain value';
  return field.type === 'text' ? 'must be co-edited text' : fieldProblem(field, content.arr[0]);
}

function requiredFields(spec: EntitySpec): string[] {
  return Object.entries(spec)
    .filter(([, field]) => field.required)
    .map(([key]) => key);
}

/** Whether the update's own delete set covers `id`. */
function deletedBy(ds: Decoded['ds'], id: Y.ID): boolean {
  const ranges = ds.clients.get(id.client);
  return !!ranges?.some((range) => id.clock >= range.clock && id.clock < range.clock + range.len);
}
