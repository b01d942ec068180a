import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../server/app';
import type { ConfigInput } from '../../server/config';

/** A real server on an ephemeral port with its own temp data folder. */
export interface TestServer {
  app: App;
  url: string;
  dataDir: string;
  /** Close the server; keep the data folder (for restart tests). */
  stop(): Promise<void>;
  /** Close the server and remove its data folder. */
  close(): Promise<void>;
}

export const ADMIN = { email: 'admin@example.jp', password: 'correct horse battery' };

/** Start a server; `dataDir` reuses a folder (restart tests), else a new temp folder. */
export async function startTestServer(options: ConfigInput = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'yoriai-test-')));
  const app = await createApp({
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    roomIdleMs: 0,
    ...options,
    dataDir,
  });
  return {
    app,
    url: app.url,
    dataDir,
    stop: () => app.close(),
    async close() {
      await app.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
