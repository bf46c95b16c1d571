import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const dist = (file: string) => fileURLToPath(new URL(`./dist/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Suites import the package as users do: the built entries behind its exports map.
    alias: [
      { find: /^@flare\/testing$/, replacement: dist('index.js') },
      { find: /^@flare\/testing\/vitest$/, replacement: dist('vitest.js') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 15_000,
  },
});
