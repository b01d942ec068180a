/**
 * server/main.ts with one more setting: the built client to serve (BENCH_CLIENT_DIR), so the
 * browser scenarios load a production build of their own instead of whatever is in client/dist
 * (the browser tests rebuild that folder under vitest, where NODE_ENV=test gives a development
 * build of React). Everything else comes from the same environment variables as main.ts.
 */
import { createApp } from '../../server/app';
import { configFromEnv } from '../../server/config';

const app = await createApp({ ...configFromEnv(process.env), clientDir: process.env.BENCH_CLIENT_DIR });
process.stdout.write(`YORIAI_LISTENING ${app.url}\n`);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), 10_000).unref();
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
