/**
 * Loaded into a server under the bench to see what holds its event loop:
 *
 *   BENCH_NODE_ARGS="--import=./tests/bench/probes/loopwatch.mjs --import=./tests/bench/probes/exit-on-term.mjs" \
 *     npx tsx tests/bench/run.ts --only=rooms --no-write
 *
 * Every stall (a 5 ms tick more than 20 ms late) and every GC pause over 5 ms, with the
 * milliseconds since the process started, goes to /tmp/loopwatch-<pid>.log when the process
 * exits. Plain JavaScript: it runs before tsx is registered.
 */
import fs from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';

const file = `/tmp/loopwatch-${process.pid}.log`;
const t0 = performance.now();
const lines = [];
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  const late = now - last - 5;
  if (late > 20) lines.push(`stall ${(last - t0).toFixed(0)} ${late.toFixed(1)}`);
  last = now;
}, 5).unref();
const kinds = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weak', 16: 'all' };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.duration > 5) lines.push(`gc ${(entry.startTime - t0).toFixed(0)} ${entry.duration.toFixed(1)} ${kinds[entry.detail?.kind] ?? entry.detail?.kind}`);
  }
}).observe({ entryTypes: ['gc'] });
process.on('exit', () => fs.writeFileSync(file, `${lines.join('\n')}\n`));
