const key = (sessionId: string) => `yoriai.projector.${sessionId}`;

/**
 * The projector's read-only token: taken from the link's fragment (`#token=…`, never sent to a
 * server), kept in sessionStorage so a reload works, and removed from the address bar so the
 * screen the room sees does not show it.
 */
export function takeProjectorToken(sessionId: string): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  try {
    if (fromHash) {
      sessionStorage.setItem(key(sessionId), fromHash);
      history.replaceState(history.state, '', location.pathname + location.search);
      return fromHash;
    }
    return sessionStorage.getItem(key(sessionId));
  } catch {
    return fromHash;
  }
}
