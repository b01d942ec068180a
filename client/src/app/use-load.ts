import { type DependencyList, useEffect, useState } from 'react';

/** The state of one asynchronous load. */
export type Load<T> = { state: 'loading' } | { state: 'done'; value: T } | { state: 'failed'; error: unknown };

/**
 * Run `load` when `deps` change and follow its result; a result that arrives after the deps
 * changed again (or the component left) is ignored.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): [Load<T>, (value: T) => void] {
  const [result, setResult] = useState<Load<T>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    load().then(
      (value) => current && setResult({ state: 'done', value }),
      (error: unknown) => current && setResult({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
    // The caller names the dependencies, as with useEffect.
  }, deps);
  return [result, (value: T) => setResult({ state: 'done', value })];
}
