// The built package as users get it, resolved by name through its exports map in fresh processes.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

function run(args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, args, { cwd: pkgDir, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const probe = `
  const names = ['FakeFlare', 'FakeClock', 'fixtures', 'signWebhook', 'signedWebhookRequest', 'DEFAULT_API_KEY'];
  const missing = names.filter((n) => m[n] === undefined);
  const fake = new m.FakeFlare();
  const res = await fake.handle({ method: 'GET', path: '/v1/jobs', headers: { authorization: 'Bearer ' + m.DEFAULT_API_KEY } });
  const handlers = fake.handlers().length;
  console.log(JSON.stringify({ missing, status: res.status, handlers, job: m.fixtures.job().object }));
`;

describe('the built package through its exports map', () => {
  it('imports from ESM, msw handlers included', () => {
    const r = run([
      '--input-type=module',
      '-e',
      `const m = await import('@flare/testing');${probe}`,
    ]);
    expect(r).toEqual({ missing: [], status: 200, handlers: 1, job: 'job' });
  });

  it('requires from CommonJS, msw handlers included', () => {
    const r = run(['-e', `(async () => { const m = require('@flare/testing');${probe} })()`]);
    expect(r).toEqual({ missing: [], status: 200, handlers: 1, job: 'job' });
  });

  it('exposes ./vitest in both formats, sharing one FakeFlare class with the main entry', () => {
    const esm = run([
      '--input-type=module',
      '-e',
      `const v = await import('@flare/testing/vitest'); const m = await import('@flare/testing');
       console.log(JSON.stringify({ fn: typeof v.useFakeFlare, main: typeof m.FakeFlare }));`,
    ]);
    expect(esm).toEqual({ fn: 'function', main: 'function' });
    // The require branch resolves (and has types), but vitest itself is ESM-only: requiring it
    // fails with vitest's own "use import" message, which is the right advice.
    const cjs = run([
      '-e',
      `let error; try { require('@flare/testing/vitest') } catch (e) { error = e.message }
       console.log(JSON.stringify({ file: require.resolve('@flare/testing/vitest').split('/').pop(), error }))`,
    ]);
    expect(cjs.file).toBe('vitest.cjs');
    expect(cjs.error).toMatch(/Vitest cannot be imported in a CommonJS module/);
  });
});
