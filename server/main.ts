import { createApp } from './app';
import { configFromEnv } from './config';

// The only file that reads process.env or exits.
const SHUTDOWN_LIMIT_MS = 10_000;

async function main(): Promise<void> {
  const app = await createApp(configFromEnv(process.env));
  process.stdout.write(`YORIAI_LISTENING ${app.url}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => {
      process.stderr.write(`shutdown took over ${SHUTDOWN_LIMIT_MS} ms after ${signal}; exiting\n`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`yoriai could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
