import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: end-to-end files start a server and a browser each; running them side by side only adds noise.
    maxWorkers: 2,
  },
});
