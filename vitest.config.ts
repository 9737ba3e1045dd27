import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous limits: they catch a hang, not a slow run. Tests wait on events, never on the clock,
    // so a busy 2-core machine only makes them slower, not red.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    globalSetup: ['test/setup/shared-snapshot.ts'],
    // The JSON report is what .ci/run counts passes and failures from.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
