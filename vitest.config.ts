import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // A failed browser test prints its pages' text and its server's errors (test/failure-evidence.ts).
    setupFiles: ['test/failure-evidence.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Browser and server tests mostly wait (a server starting, chromium rendering): two files at a time on a
    // 2-core machine shortens the wall time (vitest's default is cores - 1 = 1); figures in the issue notes.
    maxWorkers: 2,
    // A worker keeps its modules from one test file to the next (no fresh module graph per file): the source is
    // imported, Fastify's route schemas compiled (src/server/schema-compilers.ts) and jieba's dictionary loaded once
    // per worker instead of once per file. Store tests share no state through modules (process-wide hooks such as
    // setCreditClassSource are reset by the test that sets them); 71 store files passed so on 2026-11-30, in 15-50%
    // less time. If a file ever depends on another's leftovers, fix the leftover rather than isolating files again.
    isolate: false,
    reporters: ['default', './test/closing-line-reporter.ts'],
  },
});
