import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bundle } from './support/bundle.js';

/**
 * The size budgets decided in docs/decisions/0005-edge-size-budget.md (option A), minified and
 * gzip -9; each entry is a Worker built from the built package, as a user's bundler would see it.
 * `max` is the owner's cap (6,400 / 4,500 / 3,000 B, which schedule methods and `createJobs` may
 * raise to 6,900 / 5,000 B, verify-only never); `ceiling` is today's figure plus a little
 * headroom, so any growth is noticed and explained in the decision record.
 */
const BUDGETS = [
  {
    name: 'FlareClient + createJob + verifyWebhook',
    entry: 'test/support/size-entry.ts',
    ceiling: 6_900,
    max: 6_900,
  },
  {
    name: 'FlareClient + createJob alone',
    entry: 'test/support/client-only-entry.ts',
    ceiling: 5_000,
    max: 5_000,
  },
  {
    name: 'verifyWebhook alone',
    entry: 'test/support/verify-only-entry.ts',
    ceiling: 2_503,
    max: 3_000,
  },
] as const;

describe('the @flare/edge bundle', () => {
  it('builds for a neutral platform: no Node built-in anywhere', async () => {
    // `platform: 'neutral'` fails the build on any `node:` (or bare built-in) import.
    const { metafile } = await bundle(BUDGETS[0].entry, { conditions: ['workerd', 'worker'] });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain('dist/index.js');
    expect(inputs).toContain('../core/dist/index.edge.js');
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports);
    expect(imports.filter((i) => i.external)).toEqual([]);
  });

  it.for(BUDGETS)(
    '$name stays under its $ceiling B ceiling (cap $max B), minified and gzipped',
    async ({ name, entry, ceiling, max }, { task }) => {
      const { code } = await bundle(entry, { conditions: ['workerd', 'worker'], minify: true });
      const gzipped = gzipSync(code, { level: 9 }).length;
      const figure = `@flare/edge ${name}: ${code.length} B minified, ${gzipped} B gzipped (ceiling ${ceiling} B, cap ${max} B)`;
      console.log(figure);
      // Rides in the JSON report, which `pnpm test`'s closing summary prints (turbo hides the log).
      (task.meta as { summary?: string }).summary = figure;
      expect(ceiling).toBeLessThanOrEqual(max);
      expect(gzipped).toBeLessThanOrEqual(ceiling);
    },
  );

  it('keeps the client out of a verify-only bundle (its class must stay tree-shakable)', async () => {
    const { code } = await bundle(BUDGETS[2].entry, { minify: true });
    expect(code).not.toMatch(/createJob|x-flare-retry-count/);
  });
});

describe('the worker loop in @flare/edge bundles', () => {
  // Strings only the worker's code contains.
  const WORKER_CODE = /lease_seconds|FlareWorker/;

  it('stays out of a client-only and a verify-only bundle', async () => {
    const client = await bundle('test/support/client-only-entry.ts', { minify: true });
    expect(client.code).not.toMatch(WORKER_CODE);
    const verify = await bundle('test/support/verify-only-entry.ts', { minify: true });
    expect(verify.code).not.toMatch(WORKER_CODE);
    // Nor the client: its class must stay tree-shakable.
    expect(verify.code).not.toMatch(/createJob|x-flare-retry-count/);
  });

  it('builds for a neutral platform when used, and says what it weighs', async ({ task }) => {
    const { code, metafile } = await bundle('test/support/worker-entry.ts', {
      conditions: ['workerd', 'worker'],
      minify: true,
    });
    expect(code).toMatch(WORKER_CODE);
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports);
    expect(imports.filter((i) => i.external)).toEqual([]);
    const figure = `@flare/edge Cron drain() entry: ${gzipSync(code, { level: 9 }).length} B gzipped`;
    (task.meta as { summary?: string }).summary = figure;
  });
});
