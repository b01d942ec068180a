import type { Row } from './report';
import type { ManyRoomsResult } from './scenarios/many-rooms';
import type { DayResult } from './scenarios/rooms';
import { ms, percentile, ratio } from './stats';

/** What the many-rooms and day-of-rooms groups measured (see scenarios/rooms.ts). */
export interface RoomsResults {
  manyRooms?: { yoriai: ManyRoomsResult; reference: ManyRoomsResult };
  manyRoomsLoop?: ManyRoomsResult;
  day?: DayResult;
  errors: Record<string, string>;
}

const T_MANY = 'card fan-out p99 ≤ 100 ms; `card:add` ack p99 ≤ 50 ms; server RSS ≤ 1 GiB; CPU per 1,000 deliveries ≤ the reference’s';
const T_DAY = 'every reopen synced ≤ 1 s; RSS a minute after the last room empties within 10 % of idle';

const lat = (s: { p50: number; p99: number }) => `p50 ${ms(s.p50)}, p99 ${s.p99 === Infinity ? 'lost' : ms(s.p99)}`;
const lost = (r: ManyRoomsResult) => (r.delivered < r.expected ? `; ${(((r.expected - r.delivered) / r.expected) * 100).toFixed(1)} % of deliveries never arrived (infinitely late)` : '');
const failed = (scenario: string, target: string, error: string | undefined): Row => ({
  scenario,
  target,
  yoriai: '—',
  reference: '—',
  ratio: '—',
  met: null,
  note: error ? `failed: ${error}` : 'not run (see --only)',
});

/** The many-rooms row; with `loop`, the same load on Yoriai committing on the event loop. */
function manyRoomsRow(res: RoomsResults, load: (group: string) => string, loop = false): Row {
  const o = res.manyRooms?.yoriai.options;
  const scenario = `many rooms: ${o?.rooms ?? 30} sessions × ${o?.peoplePerRoom ?? 60} people on one process${loop ? ', SQLite commits on the event loop (`YORIAI_SQLITE_COMMITS=loop`)' : ''}`;
  const y = loop ? res.manyRoomsLoop : res.manyRooms?.yoriai;
  if (!res.manyRooms || !y) return failed(scenario, T_MANY, res.errors.rooms);
  const r = res.manyRooms.reference;
  const ack = y.ack ?? { n: 0, p50: NaN, p99: NaN, max: NaN, mean: NaN };
  const checks = [
    [y.fanout.p99 <= 100, `fan-out p99 misses by ${ms(y.fanout.p99 - 100)}`],
    [ack.p99 <= 50, `ack p99 misses by ${ms(ack.p99 - 50)}`],
    [y.rssBusyMiB <= 1024, `RSS ${Math.round(y.rssBusyMiB)} MiB over 1 GiB`],
    [y.cpuPer1000 <= r.cpuPer1000, `CPU per 1,000 deliveries ${ratio(y.cpuPer1000, r.cpuPer1000)} the reference’s`],
  ] as const;
  const misses = checks.filter(([ok]) => !ok).map(([, why]) => why);
  const shape = (x: ManyRoomsResult) =>
    `${x.clients.toLocaleString('en-US')} clients, ${x.options.writersPerRoom} stock writers per room (presence on) and the rest protocol-level readers (presence on), a card every ${x.options.cardEveryS} s per person (${Math.round((x.options.rooms * x.options.peoplePerRoom) / x.options.cardEveryS)} cards/s in all); ${x.options.warmupS} s warm-up, ${x.options.measureS} s measured; ${x.delivered.toLocaleString('en-US')}/${x.expected.toLocaleString('en-US')} deliveries${lost(x)}; server CPU ${x.serverCpu.toFixed(1)} s, highest RSS ${Math.round(x.rssBusyMiB)} MiB; load average ${x.loadAvg.toFixed(1)}`;
  return {
    scenario,
    target: T_MANY,
    yoriai: `fan-out ${lat(y.fanout)}; ack ${lat(ack)}; RSS ${Math.round(y.rssBusyMiB)} MiB; ${y.cpuPer1000.toFixed(3)} CPU s / 1,000`,
    reference: `fan-out ${lat(r.fanout)}; RSS ${Math.round(r.rssBusyMiB)} MiB; ${r.cpuPer1000.toFixed(3)} CPU s / 1,000`,
    ratio: `p99 ${ratio(y.fanout.p99, r.fanout.p99)}; CPU ${ratio(y.cpuPer1000, r.cpuPer1000)}`,
    met: misses.length === 0,
    note: `${loop ? 'Run right after the row above on a fresh server with `YORIAI_SQLITE_COMMITS=loop`: the same commits (group commit, `synchronous = FULL`, ack and relay after the commit) on the main connection instead of the worker thread; the reference column repeats the row above. ' : ''}Yoriai: ${shape(y)}; besides, ${y.options.commandersPerRoom} readers per room send \`card:add\` over socket.io every ${y.options.cardEveryS} s (${ack.n.toLocaleString('en-US')} acks measured). Reference: ${shape(r)}; it has no command channel.${misses.length ? ` Missed: ${misses.join('; ')}.` : ''}${load('rooms')}`,
  };
}

function dayRow(res: RoomsResults, load: (group: string) => string): Row {
  const d = res.day;
  const scenario = `a day of rooms: ${d?.options.sessions ?? 200} sessions created, each opened, written and left; then ${d?.options.reopen ?? 30} reopened at once`;
  if (!d) return failed(scenario, T_DAY, res.errors.day);
  const slowest = Math.max(...d.reopenMs);
  const change = (d.afterMiB - d.idleMiB) / d.idleMiB;
  const misses = [slowest > 1000 ? `the slowest reopen misses by ${ms(slowest - 1000)}` : '', change > 0.1 ? `RSS ${(change * 100).toFixed(0)} % over idle` : ''].filter(Boolean);
  const sorted = Float64Array.from(d.reopenMs).sort();
  return {
    scenario,
    target: T_DAY,
    yoriai: `reopen p50 ${ms(percentile(sorted, 50))}, slowest ${ms(slowest)}; RSS idle ${Math.round(d.idleMiB)} → ${Math.round(d.busyMiB)} → ${Math.round(d.afterMiB)} MiB (${change >= 0 ? '+' : ''}${(change * 100).toFixed(0)} %)`,
    reference: 'n/a (no storage; it keeps every room)',
    ratio: 'n/a',
    met: misses.length === 0,
    note: `${d.options.sessions} sessions created (admin API), then one after another a facilitator's stock client opened the board, wrote ${d.options.cardsPerSession} cards in one update and left; once every room had left memory (30 s idle), ${d.reopenMs.length} fresh clients (participant tokens, empty state vector) opened ${d.reopenMs.length} different rooms at once; connect → synced: ${d.reopenMs.map(ms).join(', ')}. RSS: idle = sessions created, no board open; busy = the highest reading; after = ${d.options.settleS} s after the reopened rooms emptied.${misses.length ? ` Missed: ${misses.join('; ')}.` : ''}${load('day')}`,
  };
}

/** The rows of the many-rooms and day-of-rooms groups. */
export function roomsRows(res: RoomsResults, load: (group: string) => string): Row[] {
  return [manyRoomsRow(res, load), ...(res.manyRoomsLoop ? [manyRoomsRow(res, load, true)] : []), dayRow(res, load)];
}
