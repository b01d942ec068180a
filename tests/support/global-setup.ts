import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

/** Build the client once when the browser tests need it and it is missing or stale. */
export default async function setup(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '../..');
  const index = path.join(root, 'client/dist/index.html');
  // The client bundles shared/ (texts, schemas, board model) too: a change there makes it stale.
  const newest = Math.max(...['client/src', 'client/public', 'client/index.html', 'shared', 'vite.config.ts'].map((p) => newestMtime(path.join(root, p))));
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newest) return;
  if (!fs.existsSync(path.join(root, 'client/index.html'))) return;
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

/** The newest modification time of a file, or of any file under a folder. */
function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  if (fs.statSync(target).isFile()) return fs.statSync(target).mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
