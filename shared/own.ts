/**
 * The value a plain object holds under `key` itself, never one it inherits: `own({}, 'constructor')`
 * is undefined where `{}['constructor']` is `Object`. For every lookup whose key came from outside
 * (a request, a stored document, an answer); a Map or a fixed `as const` list is better still.
 */
export function own<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}
