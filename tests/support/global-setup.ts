import fs from 'node:fs';
import path from 'node:path';
import { CLIENT_SOURCES, newestMtime } from './newest-mtime';
import { build } from 'vite';

/** Build the client once when the browser tests need it and it is missing or stale. */
export default async function setup(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '../..');
  const index = path.join(root, 'client/dist/index.html');
  // The client bundles shared/ (texts, schemas, board model) too: a change there makes it stale.
  const newest = Math.max(...CLIENT_SOURCES.map((p) => newestMtime(path.join(root, p))));
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newest) return;
  if (!fs.existsSync(path.join(root, 'client/index.html'))) return;
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

