import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/fixtures/**', 'node_modules/**', 'dist/**'],
    // A hang guard, not a speed check: tests that pack and install the package take minutes on a busy machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // CI lists every test by name (the Windows suite under Wine among them); locally, the summary.
    reporters: [process.env.CI ? 'verbose' : 'default'],
  },
});
