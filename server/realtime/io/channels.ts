/** The socket.io room that holds every socket of a session. */
export const sessionChannel = (sessionId: string) => `session:${sessionId}`;
