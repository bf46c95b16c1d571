import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __FLARE_VERSION__: JSON.stringify('0.0.0-test'), __FLARE_EDGE__: 'false' },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 10_000,
  },
});
