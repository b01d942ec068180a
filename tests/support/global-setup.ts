import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

/** Build the client once when the browser tests need it and it is missing or stale. */
export default async function setup(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '../..');
  const index = path.join(root, 'client/dist/index.html');
  const newest = newestMtime(path.join(root, 'client/src'));
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newest) return;
  if (!fs.existsSync(path.join(root, 'client/index.html'))) return;
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
