import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/support/globalSetup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: one file at a time keeps workflow bundling and timers from starving each other.
    fileParallelism: false,
    reporters: ['default', ['json', { outputFile: 'test/.artifacts/results.json' }]],
  },
});
