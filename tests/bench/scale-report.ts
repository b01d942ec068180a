import path from 'node:path';
import type { FanoutResult } from './scenarios/fanout';
import type { ManyRoomsResult } from './scenarios/many-rooms';
import type { ScaleResult, ScaleRoomsRun, ScaleRun } from './scenarios/scale';
import { ROOT } from './procs';
import { writeBetweenMarkers } from './report';
import { ms } from './stats';

const count = (n: number) => n.toLocaleString('en-US');
const late = (r: FanoutResult, v: number) => (v === Infinity ? `> ${r.options.drainS} s` : ms(v));
const cpu = (s: number) => (Number.isFinite(s) ? `${s.toFixed(3)} s` : 'n/a');
const mib = (m: number) => `${m.toFixed(0)} MiB`;
const letter = (i: number) => String.fromCharCode(65 + i);

function configuration(run: ScaleRun): string {
  return run.processes === 1 ? '1 process' : `${run.processes} processes, clients split evenly`;
}

/** One row per configuration and size: how the same room fares on one process and on two. */
export function scaleTable(result: ScaleResult): string {
  const lines = [
    '| configuration | clients | fan-out p50, p99 | p99 on the writer’s process / on the other | delivered / expected | Yoriai CPU per 1,000 deliveries | RSS, busiest second | CPU in the window: Yoriai / Redis / PostgreSQL |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const runs = [...result.runs].sort((a, b) => a.result.options.clients - b.result.options.clients || a.processes - b.processes);
  for (const run of runs) {
    const r = run.result;
    const split = r.split ? `${late(r, r.split.local.p99)} / ${late(r, r.split.relayed.p99)}` : 'n/a (one process)';
    const perProcess = r.servers.length > 1 ? `${cpu(r.cpuPer1000)} (${r.servers.map((s, i) => `${letter(i)} ${cpu(s.cpuPer1000)}`).join(', ')})` : cpu(r.cpuPer1000);
    const rss = r.servers.length > 1 ? r.servers.map((s, i) => `${letter(i)} ${mib(s.rssBusyMiB)}`).join(', ') : mib(r.rssBusyMiB);
    const services = `${r.serverCpu.toFixed(1)} s / ${r.probes.redis?.toFixed(1) ?? '?'} s / ${r.probes.postgres === undefined ? 'not measured' : `${r.probes.postgres.toFixed(1)} s`}`;
    lines.push(
      `| ${configuration(run)} | ${r.options.clients} | p50 ${late(r, r.latency.p50)}, p99 ${late(r, r.latency.p99)} | ${split} | ${count(r.delivered)} / ${count(r.expected)} | ${perProcess} | ${rss} | ${services} |`,
    );
  }
  return lines.join('\n');
}

/** How each row was measured, in the table's order. */
export function scaleNotes(result: ScaleResult): string {
  const runs = [...result.runs].sort((a, b) => a.result.options.clients - b.result.options.clients || a.processes - b.processes);
  return runs.map((run, i) => `${i + 1}. **${configuration(run)}, ${run.result.options.clients} clients** — ${note(run)}`).join('\n');
}

function note(run: ScaleRun): string {
  const r = run.result;
  const o = r.options;
  const observers = o.clients - o.writers;
  const where = r.servers
    .map((s, i) => `${r.servers.length === 1 ? 'The process' : `${i === 0 ? 'P' : 'p'}rocess ${letter(i)}`}: ${s.clients} clients, ${s.cpu.toFixed(1)} CPU s for the ${count(s.delivered)} deliveries to its observers, RSS up to ${mib(s.rssBusyMiB)}`)
    .join('; ');
  const conv = r.converged;
  const converged =
    conv.writers === conv.of
      ? `every writer's document (${conv.of}, full Y.Docs${run.processes > 1 ? ' on both processes' : ''}) held all ${count(conv.cardsSent)} cards sent`
      : `only ${conv.writers} of ${conv.of} writers' documents held all ${count(conv.cardsSent)} cards sent (the fewest: ${count(conv.fewestCards)}) 5 s after the last`;
  const lost = r.delivered < r.expected ? `, ${(((r.expected - r.delivered) / r.expected) * 100).toFixed(1)} % not arrived ${o.drainS} s after the last send (counted as infinitely late)` : '';
  const split = r.split
    ? ` On the writer's own process p50 ${late(r, r.split.local.p50)}, p99 ${late(r, r.split.local.p99)}; relayed to the other process through Redis p50 ${late(r, r.split.relayed.p50)}, p99 ${late(r, r.split.relayed.p99)}.`
    : '';
  const saturated = r.harnessBusy[0] >= 0.9 ? ' The writers\' thread was saturated: the cards went out in bursts whenever it caught up, so part of the latency is the harness\'s, not the server\'s.' : '';
  return (
    `${o.writers} stock y-websocket writers + ${observers} protocol-level observers in one room, presence on, ${o.rate} cards/s; ${o.warmupS} s warm-up, ${r.windowS.toFixed(1)} s measured, ${count(r.cardsInWindow)} cards (${(r.cardsInWindow / r.windowS).toFixed(0)}/s), ` +
    `${count(r.delivered)}/${count(r.expected)} deliveries${lost}; max ${late(r, r.latency.max)}; ${r.cardsPerFrame.toFixed(2)} cards per update frame received.${split} ${where}. After the drain ${converged}. ` +
    `Harness used ${(r.harnessCore * 100).toFixed(0)} % of a core (event loops busy ${r.harnessBusy.map((b) => `${(b * 100).toFixed(0)} %`).join(' / ')}: writers / observer threads); load average ${r.loadAvg.toFixed(1)}.${saturated}`
  );
}

/** The generated block of docs/scaling.md (and of the bench's output). */
export function scaleSection(result: ScaleResult, head: { machine: string[]; command: string; mode: string }): string {
  const o = result.runs[0]?.result.options;
  return [
    '### Latest run',
    '',
    ...head.machine,
    `- Command: \`${head.command}\` (${head.mode})`,
    `- Services: ${result.postgres}, ${result.redis}, both on this machine; a new database per configuration (dropped after); Redis for pub/sub only`,
    o
      ? `- Workload: one room (a session's main board), ${o.writers} writers at ${o.rate} cards/s in total, the rest observers, presence on, ${o.warmupS} s warm-up, ${o.measureS} s measured; each size on 1 process, then on 2 processes started on the same database and Redis, writers and observers alternating between them`
      : '- Workload: none ran',
    '',
    scaleTable(result),
    '',
    'Server CPU is user + system time of each Yoriai process (/proc/<pid>/stat) in the measured window, per 1,000 card deliveries to the observers connected to it; with two processes the first figure is both together per all deliveries. Redis CPU is what Redis reports (INFO cpu), PostgreSQL CPU the sum over its processes on this machine: both include any other work those servers did meanwhile.',
    '',
    scaleNotes(result),
    ...roomsSection(result),
  ].join('\n');
}

/** The many-rooms table and its notes (numbered on from the one-room notes), or nothing when they did not run. */
function roomsSection(result: ScaleResult): string[] {
  const o = result.rooms[0]?.result.options;
  if (!o) return [];
  return [
    '',
    `#### Many rooms: ${[...new Set(result.rooms.map((r) => r.result.options.rooms))].join(' and ')} sessions × ${o.peoplePerRoom} people, one and two processes`,
    '',
    roomsTable(result.rooms),
    '',
    'Redis and PostgreSQL per 1,000 clients: their CPU time in the window divided by its length and by the clients connected, as a share of one core. CPU, RSS and deliveries per process as above; a process\'s deliveries count the cards its own readers received, the writers\' and those sent by `card:add`.',
    '',
    result.rooms.map((run, i) => `${result.runs.length + i + 1}. **${roomsConfiguration(run)}, ${count(run.result.clients)} clients** — ${roomsNote(run)}`).join('\n'),
  ];
}

const roomsConfiguration = (run: ScaleRoomsRun) => (run.processes === 1 ? '1 process' : `${run.processes} processes, every room split`);
const lost = (r: ManyRoomsResult, v: number) => (v === Infinity ? `> ${r.options.drainS} s` : ms(v));
/** CPU seconds in the window as a share of one core per 1,000 clients. */
const perThousand = (r: ManyRoomsResult, seconds: number | undefined) => (seconds === undefined ? 'not measured' : `${((seconds / r.windowS / r.clients) * 1000 * 100).toFixed(1)} %`);

/** One row per configuration of the many-rooms workload. */
export function roomsTable(runs: ScaleRoomsRun[]): string {
  const lines = [
    '| configuration | clients | fan-out p50, p99 | p99 on the writer’s process / relayed through Redis | delivered / expected | `card:add` ack p50, p99 | Yoriai CPU in the window (per 1,000 deliveries) | RSS, busiest second | CPU in the window: Redis / PostgreSQL | per 1,000 clients: Redis / PostgreSQL (of a core) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const run of runs) {
    const r = run.result;
    const several = r.servers.length > 1;
    const split = r.split ? `${lost(r, r.split.local.p99)} / ${lost(r, r.split.relayed.p99)}` : 'n/a (one process)';
    const ack = r.ack ? `p50 ${lost(r, r.ack.p50)}, p99 ${lost(r, r.ack.p99)}` : 'n/a';
    const perProcess = r.servers.map((s, i) => `${several ? `${letter(i)} ` : ''}${s.cpu.toFixed(1)} s (${cpu(s.cpuPer1000)})`).join(', ');
    const rss = r.servers.map((s, i) => `${several ? `${letter(i)} ` : ''}${mib(s.rssBusyMiB)}`).join(', ');
    const services = `${r.probes.redis?.toFixed(1) ?? '?'} s / ${r.probes.postgres === undefined ? 'not measured' : `${r.probes.postgres.toFixed(1)} s`}`;
    lines.push(
      `| ${roomsConfiguration(run)} | ${count(r.clients)} | p50 ${lost(r, r.fanout.p50)}, p99 ${lost(r, r.fanout.p99)} | ${split} | ${count(r.delivered)} / ${count(r.expected)} | ${ack} | ${perProcess} | ${rss} | ${services} | ${perThousand(r, r.probes.redis)} / ${perThousand(r, r.probes.postgres)} |`,
    );
  }
  return lines.join('\n');
}

function roomsNote(run: ScaleRoomsRun): string {
  const r = run.result;
  const o = r.options;
  const readers = o.peoplePerRoom - o.writersPerRoom;
  const shape =
    run.processes === 1
      ? 'all on the one process'
      : `split between the processes: in every room writer 1, every other reader and commander 1 on process A, the rest on process ${letter(run.processes - 1)}, so about half of every card's deliveries cross Redis`;
  const missing = r.delivered < r.expected ? `, ${(((r.expected - r.delivered) / r.expected) * 100).toFixed(2)} % not arrived ${o.drainS} s after the last send (counted as infinitely late)` : '';
  const split = r.split
    ? ` On the writer's own process p50 ${lost(r, r.split.local.p50)}, p99 ${lost(r, r.split.local.p99)} (${count(r.split.local.n)} deliveries); relayed through Redis p50 ${lost(r, r.split.relayed.p50)}, p99 ${lost(r, r.split.relayed.p99)} (${count(r.split.relayed.n)}).`
    : '';
  const where = r.servers
    .map((s, i) => `${r.servers.length === 1 ? 'The process' : `${i === 0 ? 'P' : 'p'}rocess ${letter(i)}`}: ${count(s.clients)} clients, ${s.cpu.toFixed(1)} CPU s (${((s.cpu / r.windowS) * 100).toFixed(0)} % of a core) for ${Number.isNaN(s.delivered) ? 'its readers\' deliveries (not counted per process: the observer threads are not a multiple of the processes)' : `the ${count(s.delivered)} deliveries to its readers`}, RSS up to ${mib(s.rssBusyMiB)}`)
    .join('; ');
  const ack = r.ack ? ` ${o.commandersPerRoom} reader${o.commandersPerRoom === 1 ? '' : 's'} per room also sent \`card:add\` over socket.io every ${o.cardEveryS} s to their own process: ${count(r.ack.n)} acks measured, max ${lost(r, r.ack.max)}.` : '';
  const services = `Redis ${r.probes.redis?.toFixed(2) ?? '?'} CPU s, PostgreSQL ${r.probes.postgres === undefined ? 'not measured' : `${r.probes.postgres.toFixed(2)} CPU s`} in the window`;
  return (
    `${o.rooms} sessions of ${o.peoplePerRoom}: ${o.writersPerRoom} stock y-websocket writers and ${readers} protocol-level readers each, presence on, a card every ${o.cardEveryS} s per person (${Math.round((o.rooms * o.peoplePerRoom) / o.cardEveryS)} cards/s in all), ${shape}; ` +
    `${o.warmupS} s warm-up, ${r.windowS.toFixed(1)} s measured, ${count(r.cardsInWindow)} writers' cards, ${count(r.delivered)}/${count(r.expected)} deliveries${missing}; max ${lost(r, r.fanout.max)}.${split}${ack} ${where}. ${services}. Harness used ${(r.harnessCore * 100).toFixed(0)} % of a core (event loops busy ${r.harnessBusy.map((b) => `${(b * 100).toFixed(0)} %`).join(' / ')}: writers and commanders / observer threads); load average ${r.loadAvg.toFixed(1)}.`
  );
}

const BEGIN = '<!-- scale:begin (written by `npm run bench`; text outside these markers is kept) -->';
const END = '<!-- scale:end -->';

/** Replace the generated part of docs/scaling.md (under its Capacity heading). */
export function writeScaleDoc(generated: string): string {
  return writeBetweenMarkers(path.join(ROOT, 'docs/scaling.md'), { begin: BEGIN, end: END, heading: '## Capacity', newFile: '# Beyond one machine' }, generated);
}
