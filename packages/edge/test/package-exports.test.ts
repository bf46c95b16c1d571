import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundle, PACKAGE_DIR } from './support/bundle.js';

const pkg = JSON.parse(readFileSync(`${PACKAGE_DIR}/package.json`, 'utf8'));
const ESM = { types: './dist/index.d.ts', default: './dist/index.js' };

/** Runs a snippet in a fresh Node process inside the package, resolving it by name like a user. */
function run(args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, args, {
    cwd: PACKAGE_DIR,
    encoding: 'utf8',
    env: { ...process.env, FLARE_API_KEY: '' },
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const probe = `
  const names = ['FlareClient','verifyWebhook','fetchTransport','createWebhookVerifier','FlareError',
    'ValidationError','RateLimitError','ServerError','ConnectionError','TimeoutError',
    'ResponseTooLargeError','WebhookVerificationError','retryDelay','VERSION'];
  const missing = names.filter((n) => m[n] === undefined);
  let err; try { new m.FlareClient(); } catch (e) { err = e; }
  console.log(JSON.stringify({ missing, errName: err && err.name, branded: m.FlareError.isInstance(err),
    workersHint: /env\\.FLARE_API_KEY/.test(err && err.message) }));
`;

describe('the browser key guard', () => {
  it.each([
    [['workerd', 'worker', 'browser']], // wrangler's conditions
    [['edge-light', 'browser']],
    [['worker', 'browser']],
  ])(
    'stays out of a bundle built with conditions %j (core resolves ahead of browser)',
    async (conditions) => {
      const { code, metafile } = await bundle('test/support/client-only-entry.ts', { conditions });
      expect(Object.keys(metafile.inputs)).toContain('../core/dist/index.edge.js');
      expect(code).not.toContain('dangerouslyAllowBrowser');
    },
  );

  it('is in a browser bundle (the browser condition alone)', async () => {
    const { code, metafile } = await bundle('test/support/client-only-entry.ts', {
      conditions: ['browser'],
    });
    expect(Object.keys(metafile.inputs)).toContain('../core/dist/browser.js');
    expect(code).toContain('dangerouslyAllowBrowser');
  });
});

describe('the exports map', () => {
  it.each(['workerd', 'edge-light', 'worker', 'browser'])(
    'gives the %s condition the ESM build and its .d.ts, ahead of import/require',
    (condition) => {
      const keys = Object.keys(pkg.exports['.']);
      expect(pkg.exports['.'][condition]).toEqual(ESM);
      expect(keys.indexOf(condition)).toBeLessThan(keys.indexOf('import'));
    },
  );

  it('ends with a `default` condition (the ESM build) for resolvers that match nothing else', () => {
    const keys = Object.keys(pkg.exports['.']);
    expect(keys.at(-1)).toBe('default');
    expect(pkg.exports['.'].default).toEqual(ESM);
  });

  it.each([
    [['workerd', 'worker'], 'dist/index.js'],
    [['edge-light'], 'dist/index.js'],
    [['worker'], 'dist/index.js'],
    [['browser'], 'dist/index.js'],
    [[], 'dist/index.cjs'],
  ])(
    'a bundler with conditions %j resolves require("@flare/edge") to %s',
    async (conditions, file) => {
      // `require` picks the CJS build unless a runtime condition routes it to the ESM one.
      const { metafile } = await bundle('test/support/require-entry.cjs', { conditions });
      expect(Object.keys(metafile.inputs)).toContain(file);
    },
  );
});

describe('the built package in Node', () => {
  const expected = { missing: [], errName: 'FlareError', branded: true, workersHint: true };

  it('imports from ESM', () => {
    expect(
      run(['--input-type=module', '-e', `const m = await import('@flare/edge');${probe}`]),
    ).toEqual(expected);
  });

  it('requires from CommonJS', () => {
    expect(run(['-e', `const m = require('@flare/edge');${probe}`])).toEqual(expected);
  });
});
