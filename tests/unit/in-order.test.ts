import { describe, expect, it } from 'vitest';
import { createInOrder } from '../../server/realtime/io/in-order';

/** A promise and its resolver. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('in order', () => {
  it('sends a later read after an earlier one of the same key, even when the earlier read is slower', async () => {
    const inOrder = createInOrder();
    const sent: string[] = [];
    const slow = deferred();
    const first = inOrder('session-1', async () => {
      await slow.promise;
      sent.push('stale');
    });
    const second = inOrder('session-1', async () => {
      sent.push('fresh');
    });
    const other = inOrder('session-2', async () => {
      sent.push('other session');
    });
    await other;
    expect(sent).toEqual(['other session']);
    slow.resolve();
    await Promise.all([first, second]);
    expect(sent).toEqual(['other session', 'stale', 'fresh']);
  });

  it('goes on after a task that failed', async () => {
    const inOrder = createInOrder();
    const failed = inOrder('s', () => Promise.reject(new Error('read failed')));
    await expect(failed).rejects.toThrow('read failed');
    let ran = false;
    await inOrder('s', async () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });
});
