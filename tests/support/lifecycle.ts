import { afterEach, beforeEach } from 'vitest';
import type { ConfigInput } from '../../server/config';
import { startTestServer, type TestServer } from './server';

/**
 * A fresh server for each test of the calling `describe`, closed (with its data folder) after
 * the test, together with everything the test handed to `defer` (clients, sockets), last first.
 * `restart()` keeps the data folder: for tests that read the board back after a restart.
 */
export function useTestServer(options: ConfigInput = {}) {
  let server: TestServer | null = null;
  const deferred: Array<() => unknown> = [];
  beforeEach(async () => {
    server = await startTestServer(options);
  });
  afterEach(async () => {
    for (const fn of deferred.splice(0).reverse()) await fn();
    await server?.close();
    server = null;
  });
  return {
    get server(): TestServer {
      if (!server) throw new Error('the test server is not running');
      return server;
    },
    defer(fn: () => unknown) {
      deferred.push(fn);
    },
    /** Close everything deferred so far and the server, then start it again on the same data. */
    async restart(extra: ConfigInput = {}): Promise<TestServer> {
      for (const fn of deferred.splice(0).reverse()) await fn();
      const dataDir = this.server.dataDir;
      await this.server.stop();
      server = await startTestServer({ ...options, ...extra, dataDir });
      return server;
    },
  };
}
