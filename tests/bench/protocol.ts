/**
 * The few bytes of the y-websocket protocol a protocol-level client needs, without a Y.Doc:
 * frames start with a varuint message type (0 sync, 1 awareness), sync frames with a varuint
 * sub-type (0 step 1, 1 step 2, 2 update).
 */
export const STEP1_EMPTY = Uint8Array.of(0, 0, 1, 0); // sync, step 1, a state vector of 1 byte: no clients
export const STEP2_EMPTY = Uint8Array.of(0, 1, 2, 0, 0); // sync, step 2, an update of 2 bytes: no structs, no deletes

const MARK = Buffer.from('[b:');
const COLON = 0x3a;
const CLOSE = 0x5d;

function varUint(out: number[], n: number): void {
  while (n > 0x7f) {
    out.push(0x80 | (n & 0x7f));
    n = Math.floor(n / 128);
  }
  out.push(n);
}

/** An awareness frame for one client id: [1, length, [1 entry, id, clock, state JSON]]. */
export function awarenessMessage(clientId: number, clock: number, state: string | null): Buffer {
  const json = Buffer.from(state === null ? 'null' : state);
  const inner: number[] = [];
  varUint(inner, 1);
  varUint(inner, clientId);
  varUint(inner, clock);
  varUint(inner, json.length);
  const head: number[] = [1];
  varUint(head, inner.length + json.length);
  return Buffer.concat([Buffer.from(head), Buffer.from(inner), json]);
}

/**
 * Call `found(seq, sentUs)` for every card marker `[b:<seq>:<µs>]` in a frame (a server that
 * batches may carry several cards in one update). Returns how many there were.
 */
export function forEachMarker(data: Buffer, found: (seq: number, sentUs: number) => void): number {
  let count = 0;
  let at = data.indexOf(MARK, 2);
  while (at >= 0) {
    let i = at + MARK.length;
    let seq = 0;
    while (data[i] !== COLON) seq = seq * 10 + (data[i++] - 48);
    i++;
    let sent = 0;
    while (data[i] !== CLOSE) sent = sent * 10 + (data[i++] - 48);
    found(seq, sent);
    count++;
    at = data.indexOf(MARK, i);
  }
  return count;
}
