import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const shared: Options = {
  sourcemap: true,
  // `pnpm build` empties dist first: two configs cleaning it would race.
  clean: false,
  target: 'es2022',
  treeshake: true,
  splitting: false,
};

export default defineConfig([
  // Node, Bun, Deno and bundlers without an edge condition; browser.ts is the `browser`
  // condition's entry (index plus the FlareClient that refuses a page without opting in).
  {
    ...shared,
    entry: ['src/index.ts', 'src/browser.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    define: { __FLARE_VERSION__: JSON.stringify(version), __FLARE_EDGE__: 'false' },
  },
  // Workers and edge runtimes (conditions `workerd`, `edge-light`, `worker`): the same code with
  // its Node-only paths dropped (src/internal/edge-build.ts); its types are index.d.ts.
  {
    ...shared,
    entry: { 'index.edge': 'src/index.ts' },
    format: ['esm'],
    dts: false,
    define: { __FLARE_VERSION__: JSON.stringify(version), __FLARE_EDGE__: 'true' },
  },
]);
