import fs from 'node:fs';
import path from 'node:path';

/** The client build's inputs: a build older than the newest of these is stale. */
export const CLIENT_SOURCES = ['client/src', 'client/public', 'client/index.html', 'shared', 'vite.config.ts'];

/** The newest modification time of a file, or of any file under a folder (0 when missing). */
export function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  if (fs.statSync(target).isFile()) return fs.statSync(target).mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
