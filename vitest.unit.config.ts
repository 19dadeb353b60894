import { defineConfig } from 'vitest/config';

/**
 * `npm run test:unit`: the fast tests only — the pure cores, shared helpers, configuration, CLI
 * formatting and the import-rule check; no database, no browser. `npm test` runs everything.
 */
export default defineConfig({
  test: {
    include: [
      'src/**/core/**/*.test.ts',
      'src/shared/**/*.test.ts',
      'src/files/**/*.test.ts',
      'src/config/**/*.test.ts',
      'src/**/cli.test.ts',
      'test/boundaries.test.ts',
    ],
    testTimeout: 30_000,
    reporters: ['default', './test/closing-line-reporter.ts'],
  },
});
