import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Node tests import the package as users do: the built ESM entry behind its exports map.
    // (The workerd and edge-runtime tests bundle it with esbuild through the exports map itself.)
    alias: { '@flare/edge': fileURLToPath(new URL('./dist/index.js', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
