import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const common = {
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  splitting: false,
  define: { __FLARE_VERSION__: JSON.stringify(version) },
} as const;

export default defineConfig([
  // The library entries: ESM + CJS + types. `shims` gives the CJS build `import.meta.url`.
  {
    ...common,
    entry: ['src/index.ts', 'src/vitest.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    shims: true,
    // One shared chunk per format, so `./vitest` and `.` share one `FakeFlare` class.
    splitting: true,
  },
  // The `flare-fake` bin: ESM only, no types.
  {
    ...common,
    entry: ['src/cli.ts'],
    format: ['esm'],
    banner: { js: '#!/usr/bin/env node' },
  },
]);
