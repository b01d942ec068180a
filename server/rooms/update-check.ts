import * as Y from 'yjs';
import { BOARD_ROOT_KEYS } from '../../shared/board/model';
import { checkBoardEffect } from './board-check';
import { findInUpdate, structsByClient } from './update-structs';

type Content = Y.Item['content'];

/** Why an update was refused. */
export type UpdateRejection = 'malformed' | 'missing_dependency' | 'schema' | 'too_large';

/** What checking an update found. `noop`: it adds nothing the document does not already have. */
export type UpdateCheck = { ok: true; noop: boolean } | { ok: false; reason: UpdateRejection; detail: string };

/** Limits on what one update may carry. */
export interface UpdateLimits {
  /** Characters of one string or JSON value inserted by one item. */
  maxContentChars: number;
}

const ROOT_KEYS: ReadonlySet<string> = new Set(BOARD_ROOT_KEYS);

/**
 * Decode an update in full and check it against the document before anything is applied,
 * so a malformed or dangling update never half-applies: every struct parses; no client's
 * structs leave a gap after what the document has; every origin, parent and deletion points
 * at something the document or the update itself holds (else Yjs would park it as pending);
 * top-level types are the board's; no sub-documents; no oversized values.
 * Written by hand because Yjs validates nothing before integrating.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, limits: UpdateLimits): UpdateCheck {
  let decoded: { structs: Array<Y.Item | Y.GC | unknown>; ds: ReturnType<typeof Y.createDeleteSet> };
  let reader: TrackingDecoder | null = null;
  try {
    // The decoder is kept so we can tell whether the update ends where its delete set does:
    // Yjs ignores bytes after it, and they would be stored with the update.
    decoded = Y.decodeUpdateV2(update, trackingDecoder((made) => (reader = made))) as typeof decoded;
  } catch (error) {
    return { ok: false, reason: 'malformed', detail: String(error) };
  }
  const consumed = (reader as TrackingDecoder | null)?.restDecoder.pos;
  if (consumed !== update.byteLength) return { ok: false, reason: 'malformed', detail: 'bytes after the end of the update' };

  const known = new Map<number, number>();
  const stateOf = (client: number) => known.get(client) ?? Y.getState(doc.store, client);
  let addsStructs = false;
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item) && !(struct instanceof Y.GC)) {
      return { ok: false, reason: 'missing_dependency', detail: 'update skips structs' };
    }
    const { client, clock } = struct.id;
    const state = stateOf(client);
    if (clock > state) return { ok: false, reason: 'missing_dependency', detail: `gap for client ${client}` };
    const end = clock + struct.length;
    if (end > state) {
      addsStructs = true;
      known.set(client, end);
    }
  }

  const has = (id: Y.ID | null) => id === null || id.clock < stateOf(id.client);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const parent = struct.parent as Y.ID | string | null;
    if (!has(struct.origin) || !has(struct.rightOrigin)) {
      return { ok: false, reason: 'missing_dependency', detail: 'origin not known' };
    }
    if (typeof parent === 'string') {
      if (!ROOT_KEYS.has(parent)) return { ok: false, reason: 'schema', detail: `unknown top-level type ${parent}` };
    } else if (parent !== null && !has(parent)) {
      return { ok: false, reason: 'missing_dependency', detail: 'parent not known' };
    }
    const problem = checkContent(struct.content, limits);
    if (problem) return problem;
  }

  let addsDeletes = false;
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      if (range.clock + range.len > stateOf(client)) {
        return { ok: false, reason: 'missing_dependency', detail: 'deletes unknown structs' };
      }
      if (!addsDeletes && !alreadyDeleted(doc, client, range.clock, range.len)) addsDeletes = true;
    }
  }
  if (!addsStructs && !addsDeletes) return { ok: true, noop: true };
  if (addsStructs && dependsOnItself(decoded.structs as Array<Y.Item | Y.GC>, (client) => Y.getState(doc.store, client))) {
    return { ok: false, reason: 'missing_dependency', detail: 'structs wait on each other' };
  }
  const problem = checkBoardEffect(doc, decoded as Parameters<typeof checkBoardEffect>[1]);
  if (problem) return { ok: false, reason: problem.reason, detail: problem.detail };
  return { ok: true, noop: false };
}

type TrackingDecoder = Y.UpdateDecoderV1;

/** Yjs's v1 update decoder, handing each instance it makes to `onMade`. */
function trackingDecoder(onMade: (decoder: TrackingDecoder) => void): typeof Y.UpdateDecoderV1 {
  return class extends Y.UpdateDecoderV1 {
    constructor(decoder: ConstructorParameters<typeof Y.UpdateDecoderV1>[0]) {
      super(decoder);
      onMade(this);
    }
  };
}

/**
 * Whether the new structs of an update wait on each other in a cycle (an origin, right origin
 * or parent at or after itself, directly or through another client's structs): Yjs would
 * keep them pending for ever. Each struct also waits on the one before it of its client.
 */
function dependsOnItself(structs: Array<Y.Item | Y.GC>, stateBefore: (client: number) => number): boolean {
  const byClient = structsByClient(structs, (struct) => struct.id.clock + struct.length > stateBefore(struct.id.client));
  const find = (id: Y.ID): Y.Item | Y.GC | null => (id.clock < stateBefore(id.client) ? null : findInUpdate(byClient, id));
  // Fast path: with no dependency on a new struct of another client, and none of a client's on
  // its own later structs, the structs integrate in clock order and cannot wait on each other.
  let crossClient = false;
  for (const [client, list] of byClient) {
    for (const struct of list) {
      if (!(struct instanceof Y.Item)) continue;
      for (const id of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
        if (!id || id.clock < stateBefore(id.client)) continue;
        if (id.client !== client) crossClient = true;
        else if (id.clock >= struct.id.clock) return true;
      }
    }
  }
  if (!crossClient) return false;
  const previous = new Map<Y.Item | Y.GC, Y.Item | Y.GC>();
  for (const list of byClient.values()) for (let i = 1; i < list.length; i++) previous.set(list[i], list[i - 1]);
  const depsOf = (struct: Y.Item | Y.GC): Array<Y.Item | Y.GC> => {
    const out: Array<Y.Item | Y.GC> = [];
    const before = previous.get(struct);
    if (before) out.push(before);
    if (struct instanceof Y.Item) {
      for (const id of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
        const dep = id ? find(id) : null;
        if (dep) out.push(dep);
      }
    }
    return out;
  };
  // Iterative depth-first search: 1 = on the current path, 2 = done.
  const state = new Map<Y.Item | Y.GC, 1 | 2>();
  for (const list of byClient.values()) {
    for (const root of list) {
      if (state.has(root)) continue;
      const stack: Array<{ node: Y.Item | Y.GC; deps: Array<Y.Item | Y.GC> }> = [{ node: root, deps: depsOf(root) }];
      state.set(root, 1);
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        const next = top.deps.pop();
        if (!next) {
          state.set(top.node, 2);
          stack.pop();
          continue;
        }
        const seen = state.get(next);
        if (seen === 1) return true;
        if (seen === 2) continue;
        state.set(next, 1);
        stack.push({ node: next, deps: depsOf(next) });
      }
    }
  }
  return false;
}

/**
 * Whether the document already has [clock, clock + len) of `client` deleted: a binary search
 * into that client's structs and a walk over the few the range spans, never the whole store.
 * A range reaching into structs the update itself adds is not (yet) deleted.
 */
function alreadyDeleted(doc: Y.Doc, client: number, clock: number, len: number): boolean {
  if (len === 0) return true;
  const structs = doc.store.clients.get(client);
  if (!structs || structs.length === 0) return false;
  const last = structs[structs.length - 1];
  if (clock + len > last.id.clock + last.length) return false;
  for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
    const struct = structs[i];
    if (struct.id.clock >= clock + len) break;
    if (!struct.deleted) return false;
  }
  return true;
}

function checkContent(content: Content, limits: UpdateLimits): UpdateCheck | null {
  const tooLarge = (what: string): UpdateCheck => ({ ok: false, reason: 'too_large', detail: what });
  if (content instanceof Y.ContentDoc) return { ok: false, reason: 'schema', detail: 'sub-documents are not allowed' };
  if (content instanceof Y.ContentString) {
    return content.str.length > limits.maxContentChars ? tooLarge('string') : null;
  }
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
    for (const value of content.arr) {
      const size = value === undefined ? 0 : JSON.stringify(value)?.length ?? 0;
      if (size > limits.maxContentChars) return tooLarge('value');
    }
    return null;
  }
  if (content instanceof Y.ContentBinary) {
    return content.content.byteLength > limits.maxContentChars ? tooLarge('binary') : null;
  }
  if (content instanceof Y.ContentEmbed) {
    return JSON.stringify(content.embed).length > limits.maxContentChars ? tooLarge('embed') : null;
  }
  return null;
}
