import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { replaceSocketDocs } from './socket-docs';

/** `npm run docs:api`: rewrite the socket tables of docs/api.md from the protocol table. */
const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../docs/api.md');
const before = fs.readFileSync(file, 'utf8');
const after = replaceSocketDocs(before);
if (after !== before) fs.writeFileSync(file, after);
console.log(after === before ? 'docs/api.md is up to date' : 'docs/api.md: socket tables rewritten');
