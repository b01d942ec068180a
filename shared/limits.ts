/** Size limits shared by the server's checks and the client's forms. */
export const LIMITS = {
  /** Characters in one card's text. */
  cardText: 1000,
  /** Characters in a display name. */
  displayName: 40,
  /** Characters in a session title. */
  sessionTitle: 120,
  /** Bytes of one y-websocket message from a facilitator or scribe. */
  writerMessageBytes: 1024 * 1024,
  /** Bytes of one y-websocket message from a participant or observer (sync step 2, awareness). */
  readerMessageBytes: 64 * 1024,
  /** Bytes of one awareness state (cursor, name, "typing…"). */
  awarenessStateBytes: 2048,
  /** Bytes of one socket.io message. */
  socketMessageBytes: 32 * 1024,
  /** Bytes of a JSON request body. */
  jsonBodyBytes: 256 * 1024,
} as const;
