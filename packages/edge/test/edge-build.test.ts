import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundle, PACKAGE_DIR } from './support/bundle.js';

// @flare/core ships a second ESM build for Workers and edge runtimes (decision 0005): the same
// code with its Node-only paths dropped. These tests pin the routing and what is dropped; the
// workerd, EdgeVM and Node suites run the client and verifyWebhook on each build.
const core = JSON.parse(readFileSync(`${PACKAGE_DIR}/../core/package.json`, 'utf8'));
const EDGE = { types: './dist/index.d.ts', default: './dist/index.edge.js' };
/** Strings only the Node-only paths contain. */
const NODE_ONLY = [
  ['Bun/Deno/Node detection', /\bversions\b/],
  ['timer unref', /\bunref\b/],
  ['the no-fetch message', /No global fetch/],
  ['the no-crypto.subtle message', /No crypto\.subtle/],
  ['the Node-stream body reader', /asyncIterator\]\(\)/],
  ['the shared signature blocks', /new ArrayBuffer\(4096\)/],
  ['the canonical-header fast path', /\{1,15\},v1=/],
  ['the idempotency-key fallback without randomUUID', /toString\(36\)/],
  ['the array header (node:http) check', /More than one zeridion-signature header/],
] as const;

describe("@flare/core's edge build", () => {
  it.each(['workerd', 'edge-light', 'worker'])(
    'is what the %s condition resolves, ahead of browser/import/require',
    (condition) => {
      const keys = Object.keys(core.exports['.']);
      expect(core.exports['.'][condition]).toEqual(EDGE);
      expect(keys.indexOf(condition)).toBeLessThan(keys.indexOf('import'));
    },
  );

  it.each([
    [['workerd', 'worker'], '../core/dist/index.edge.js'],
    [['edge-light'], '../core/dist/index.edge.js'],
    [[], '../core/dist/index.js'],
  ])('a bundler with conditions %j takes %s', async (conditions, file) => {
    const { metafile } = await bundle('test/support/size-entry.ts', { conditions });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain(file);
    // Never both: one FlareClient class per bundle.
    expect(inputs.filter((i) => i.startsWith('../core/dist/'))).toHaveLength(1);
  });

  it('leaves the Node-only paths out of a Worker bundle, and keeps them in the default one', async () => {
    const edge = await bundle('test/support/size-entry.ts', {
      conditions: ['workerd', 'worker'],
      minify: true,
    });
    const other = await bundle('test/support/size-entry.ts', { minify: true });
    for (const [what, pattern] of NODE_ONLY) {
      expect(edge.code, what).not.toMatch(pattern);
      expect(other.code, what).toMatch(pattern);
    }
  });
});
