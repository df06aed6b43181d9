import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Flow tests bind ports and the Postgres run creates databases: two workers suit 2 cores.
    maxWorkers: 2,
  },
});
