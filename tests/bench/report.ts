import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './procs';

export interface Row {
  scenario: string;
  target: string;
  yoriai: string;
  reference: string;
  ratio: string;
  /** true / false, or null when the row could not be measured. */
  met: boolean | null;
  /** What was measured and how, and by how much a missed target is missed. */
  note: string;
}

/** The machine, for the record: CPU model, cores, RAM, Node, date, commit, load at the start. */
export function describeMachine(loadAtStart: number[]): string[] {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'db', 'shared', 'client'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) commit += ' with uncommitted changes in server/, db/, shared/ or client/';
  } catch {
    // not a git checkout
  }
  return [
    `- CPU: ${model}, ${os.cpus().length} cores; RAM ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; ${os.type()} ${os.release()}`,
    `- Node ${process.version}; Chromium ${chromiumVersion()}; commit ${commit}`,
    `- Date: ${new Date().toISOString()}`,
    `- Load average at the start of the run: ${loadAtStart.map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min) — other work on this machine competes for the same 2 cores`,
  ];
}

function chromiumVersion(): string {
  try {
    return execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim().replace(/^Chromium\s+/, '');
  } catch {
    return 'unknown';
  }
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function table(rows: Row[]): string {
  const lines = ['| scenario | target | Yoriai | reference | ratio | met? |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const met = r.met === null ? 'not run' : r.met ? 'yes' : '**no**';
    lines.push(`| ${cell(r.scenario)} | ${cell(r.target)} | ${cell(r.yoriai)} | ${cell(r.reference)} | ${cell(r.ratio)} | ${met} |`);
  }
  return lines.join('\n');
}

export function notes(rows: Row[]): string {
  return rows.map((r, i) => `${i + 1}. **${r.scenario}** — ${r.note}`).join('\n');
}

const BEGIN = '<!-- bench:begin (written by `npm run bench`; text outside these markers is kept) -->';
const END = '<!-- bench:end -->';

const INTRO = `# Benchmarks

\`npm run bench\` (tests/bench/run.ts) runs Yoriai and the reference y-websocket server
(@y/websocket-server 0.1.1) one after the other on the same machine, with real protocol clients
over loopback. The targets are those of the performance issue; a missed target stays in the
table as it is.`;

/** Replace the generated part of docs/benchmarks.md, keeping what people wrote around it. */
export function writeDoc(generated: string): string {
  const file = path.join(ROOT, 'docs/benchmarks.md');
  return writeBetweenMarkers(file, { begin: BEGIN, end: END, heading: '# Benchmarks', newFile: INTRO }, generated);
}

/**
 * Put `generated` between the markers of `file`, keeping everything outside them. Without
 * markers the block goes at the end of the section under `heading` (a Markdown heading line,
 * added at the end of the file when missing); a new file starts with `newFile`.
 */
export function writeBetweenMarkers(file: string, at: { begin: string; end: string; heading: string; newFile: string }, generated: string): string {
  const block = `${at.begin}\n${generated}\n${at.end}`;
  let text: string;
  if (!fs.existsSync(file)) text = `${at.newFile}\n\n${block}\n`;
  else {
    const current = fs.readFileSync(file, 'utf8');
    const a = current.indexOf(at.begin.slice(0, 20));
    const b = current.indexOf(at.end);
    const lines = current.split('\n');
    const h = lines.indexOf(at.heading);
    if (a >= 0 && b > a) text = current.slice(0, a) + block + current.slice(b + at.end.length);
    else if (h < 0) text = `${current.trimEnd()}\n\n${at.heading}\n\n${block}\n`;
    else {
      // The section ends at the next heading of the same level or higher.
      const level = at.heading.indexOf(' ');
      const next = lines.findIndex((l, i) => i > h && /^#+ /.test(l) && l.indexOf(' ') <= level);
      const before = lines.slice(0, next < 0 ? lines.length : next).join('\n').trimEnd();
      const after = next < 0 ? '' : `\n${lines.slice(next).join('\n')}`;
      text = `${before}\n\n${block}\n${after}`;
    }
  }
  fs.writeFileSync(file, text);
  return file;
}
