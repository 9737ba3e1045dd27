import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous limits: they catch a hang, not a slow run. Tests wait on events, never on the clock,
    // so a busy 2-core machine only makes them slower, not red.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // One real PostgreSQL server for the Postgres store tests (skipped, or failed under CI, without one).
    globalSetup: ['test/setup/shared-snapshot.ts', 'test/setup/postgres.ts'],
    // Bots the suite spawns answer by words: embedding the corpus (a minute of CPU) in every one
    // would crowd a 2-core run. test/core/semantic.test.ts turns it on for a corpus of its own.
    env: { SEMANTIC: 'off' },
    // The JSON report is what .ci/run counts passes and failures from.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
