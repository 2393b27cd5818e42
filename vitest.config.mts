import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // End-to-end checks poll what the page shows; on a busy 2-core machine a re-check can take a few seconds.
    expect: { poll: { timeout: 10_000 } },
    // Two cores: end-to-end files start a server and a browser each; running them side by side only adds noise.
    maxWorkers: 2,
  },
});
