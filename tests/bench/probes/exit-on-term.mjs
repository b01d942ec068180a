/**
 * For a server with no SIGTERM handler of its own (the reference): exit normally on SIGTERM, so
 * `--cpu-prof` writes its profile and loopwatch.mjs its log. A server that handles SIGTERM
 * itself (Yoriai) is left to do so.
 */
process.on('SIGTERM', () => {
  if (process.listenerCount('SIGTERM') === 1) process.exit(0);
});
