import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bundle } from './support/bundle.js';

/** The budget for the entry below, minified and gzip -9: not met, see docs/decisions/0005-edge-size-budget.md. */
const TARGET_BYTES = 5 * 1024;
/** What this check enforces: today's figure (6,659 B, with createJobs) plus a little headroom, so growth is noticed. */
const CEILING_BYTES = 6_680;
const ENTRY = 'test/support/size-entry.ts';

describe('the @flare/edge bundle', () => {
  it('builds for a neutral platform: no Node built-in anywhere', async () => {
    // `platform: 'neutral'` fails the build on any `node:` (or bare built-in) import.
    const { metafile } = await bundle(ENTRY, { conditions: ['workerd', 'worker'] });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain('dist/index.js');
    expect(inputs).toContain('../core/dist/index.js');
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports);
    expect(imports.filter((i) => i.external)).toEqual([]);
  });

  it(`stays under the ${CEILING_BYTES} B ceiling, minified and gzipped (FlareClient + createJob + verifyWebhook)`, async ({
    task,
  }) => {
    const { code } = await bundle(ENTRY, { conditions: ['workerd', 'worker'], minify: true });
    const gzipped = gzipSync(code, { level: 9 }).length;
    const target =
      gzipped <= TARGET_BYTES
        ? `within the ${TARGET_BYTES} B target`
        : `${gzipped - TARGET_BYTES} B over the ${TARGET_BYTES} B target`;
    const figure = `@flare/edge size entry: ${code.length} B minified, ${gzipped} B gzipped (${target}; ceiling ${CEILING_BYTES} B)`;
    console.log(figure);
    // Rides in the JSON report, which `pnpm test`'s closing summary prints (turbo hides the log).
    (task.meta as { summary?: string }).summary = figure;
    expect(gzipped).toBeLessThanOrEqual(CEILING_BYTES);
  });
});
