/**
 * URLs as they arrive: every percent-escape decoded without a throw. `decodeURIComponent`
 * throws a URIError on a malformed escape (`%E0`, `%`, `%ZZ`); thrown inside a socket's
 * `upgrade` listener that stops the process, thrown inside express it was a 500.
 */

/** The decoded text of one URL component, or null when an escape in it is malformed. */
export function decodeComponent(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * True when every percent-escape in the request target (path and query) decodes: the one test
 * every HTTP request and every websocket upgrade passes before anything reads its URL.
 */
export function hasWellFormedEscapes(target: string): boolean {
  if (!target.includes('%')) return true;
  // `+` means a space in a query; it never makes an escape malformed, so it is left as it is.
  return decodeComponent(target) !== null;
}

/** Path and query of a request target, or null when it is not a URL path at all (`//`, `http://x`). */
export function parseTarget(target: string): URL | null {
  if (!target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://localhost');
  } catch {
    return null;
  }
}

/** The room and token of a `/yjs/<room>?token=…` upgrade, or null when the target does not decode. */
export function boardTargetOf(target: string): { room: string; token: string } | null {
  if (!hasWellFormedEscapes(target)) return null;
  const url = parseTarget(target);
  if (!url || !url.pathname.startsWith('/yjs/')) return null;
  const room = decodeComponent(url.pathname.slice('/yjs/'.length));
  if (room === null) return null;
  return { room, token: url.searchParams.get('token') ?? '' };
}
