import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Browser and server tests mostly wait (a server starting, chromium rendering): two files at a time on a
    // 2-core machine shortens the wall time (vitest's default is cores - 1 = 1); figures in the issue notes.
    maxWorkers: 2,
    reporters: ['default', './test/closing-line-reporter.ts'],
  },
});
