/**
 * WebSocket close codes used on `/yjs/<room>`, shared by server and client so that both
 * sides name the same reason. 4000–4999 is the range RFC 6455 leaves to applications;
 * the last three digits mirror the matching HTTP status where one exists.
 */
export const CloseCode = {
  /** What this connection may do changed (appointed or relieved as scribe): reconnect. */
  permissionsChanged: 4100,
  /** A frame could not be decoded (truncated varint, unknown message type, text frame). */
  badMessage: 4400,
  /** No token, an unknown token, an expired or revoked token. */
  unauthorized: 4401,
  /** The token is valid but may not do this (another session's room, a read-only write). */
  forbidden: 4403,
  /** The room does not exist. */
  roomNotFound: 4404,
  /** A message over the size limit for this connection's role. */
  tooLarge: 4413,
  /** Too many messages or awareness updates in a short time. */
  rateLimited: 4429,
  /** The room's stored data could not be loaded or a write could not be stored. */
  roomUnavailable: 4500,
  /** The server is shutting down; reconnect later. */
  goingAway: 1001,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which a client should not reconnect with the same token. */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.unauthorized,
  CloseCode.forbidden,
  CloseCode.roomNotFound,
]);
