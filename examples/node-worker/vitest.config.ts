import { defineConfig } from 'vitest/config';

// `@flare/node` and `@flare/testing` resolve from node_modules like any installed package.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
