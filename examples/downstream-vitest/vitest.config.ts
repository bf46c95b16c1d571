import { defineConfig } from 'vitest/config';

// Nothing special: `@flare/node` and `@flare/testing` resolve from node_modules like any
// installed package (their built `dist/` through their exports maps).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 10_000,
  },
});
