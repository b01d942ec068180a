import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['tests/support/global-setup.ts'],
    // Integration and browser tests start servers and Chromium; two cores run two at a time.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
