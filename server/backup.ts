import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3';

// `npm run backup [target-file]`: an online backup of the live database (safe while Yoriai
// runs: SQLite's backup API copies a consistent snapshot page by page).
const dataDir = process.env.DATA_DIR || './data';
const source = path.join(dataDir, 'yoriai.sqlite');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const target = process.argv[2] ?? path.join('backups', `yoriai-${stamp}.sqlite`);

if (!fs.existsSync(source)) {
  process.stderr.write(`no database at ${source}; set DATA_DIR\n`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
const db = new Database(source, { readonly: true, fileMustExist: true });
db.backup(target)
  .then(({ totalPages }) => {
    db.close();
    process.stdout.write(`backed up ${totalPages} pages to ${target}\n`);
  })
  .catch((error: unknown) => {
    db.close();
    process.stderr.write(`backup failed: ${String(error)}\n`);
    process.exit(1);
  });
