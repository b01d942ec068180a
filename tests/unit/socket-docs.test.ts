import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSocketDocs, replaceSocketDocs } from '../../server/tools/socket-docs';
import { REQUESTS } from '../../shared/protocol/table';

describe('docs/api.md socket tables', () => {
  it('are the ones the protocol table renders (run `npm run docs:api` after changing the table)', () => {
    const doc = fs.readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    expect(replaceSocketDocs(doc)).toBe(doc);
  });

  it('list every request of the table once', () => {
    const block = renderSocketDocs();
    for (const name of Object.keys(REQUESTS)) expect(block.split(`| \`${name}\` |`).length - 1, name).toBe(1);
  });
});
