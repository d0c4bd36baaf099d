import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds dist/ once, as `npm start` does first: the process tests start the built bot.
    globalSetup: ['tests/setup/build-dist.ts'],
    // e2e tests start real servers on loopback; give them room on a 2-core machine.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
