/**
 * Runs the tasks given for one key one after another, each after the one before has finished.
 * A broadcast reads a state and then sends it; two of them run side by side could send the state
 * read before a later change after that change's own, and every client would keep the stale one.
 */
export function createInOrder(): (key: string, task: () => Promise<void>) => Promise<void> {
  const tails = new Map<string, Promise<void>>();
  return (key, task) => {
    const next = (tails.get(key) ?? Promise.resolve()).then(task, task);
    tails.set(key, next);
    const forget = () => {
      if (tails.get(key) === next) tails.delete(key);
    };
    next.then(forget, forget);
    return next;
  };
}
