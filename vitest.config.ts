import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for what another device or process will show; 1 s (the default) is too
    // short for a browser on a loaded two-core machine, and a running timer shows its first
    // second rounded up.
    expect: { poll: { timeout: 20_000, interval: 100 } },
    globalSetup: ['tests/support/global-setup.ts'],
    // Integration and browser tests start servers and Chromium; two cores run two at a time.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
