import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs a snippet in a fresh Node process inside the package, resolving it by name like a user. */
function run(args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, args, {
    cwd: pkgDir,
    encoding: 'utf8',
    env: { ...process.env, FLARE_API_KEY: '' },
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const probe = `
  const names = ['FlareClient','verifyWebhook','nodeHttpTransport','undiciTransport','FlareError','ValidationError','AuthError',
    'QuotaError','PermissionError','NotFoundError','ConflictError','RateLimitError','ServerError',
    'ConnectionError','TimeoutError','ResponseTooLargeError','WebhookVerificationError','retryDelay','VERSION'];
  const missing = names.filter((n) => m[n] === undefined);
  const client = new m.FlareClient({ apiKey: 'zf_test_sk_x' });
  let err; try { new m.FlareClient(); } catch (e) { err = e; }
  console.log(JSON.stringify({ missing, baseUrl: client.baseUrl, errName: err && err.name,
    branded: m.FlareError.isInstance(err), version: m.VERSION }));
`;

describe('the built package through its exports map', () => {
  it('imports from ESM', () => {
    const r = run(['--input-type=module', '-e', `const m = await import('@flare/node');${probe}`]);
    expect(r).toMatchObject({
      missing: [],
      baseUrl: 'https://api.zeridion.com',
      errName: 'FlareError',
      branded: true,
    });
    expect(r.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('requires from CommonJS', () => {
    const r = run(['-e', `const m = require('@flare/node');${probe}`]);
    expect(r).toMatchObject({
      missing: [],
      baseUrl: 'https://api.zeridion.com',
      errName: 'FlareError',
      branded: true,
    });
  });

  it('loads node:http, node:https and node:crypto only when first needed', () => {
    const r = run([
      '--input-type=module',
      '-e',
      `
      const loaded = () => ['http', 'https', 'crypto'].filter((m) =>
        process.moduleLoadList.includes('NativeModule ' + m));
      const before = loaded();
      const m = await import('@flare/node');
      const imported = loaded();
      const flare = new m.FlareClient({ apiKey: 'zf_test_sk_x', baseUrl: 'http://127.0.0.1:9', maxRetries: 0 });
      const constructed = loaded();
      await flare.getJob('j').catch(() => {});
      const requested = loaded();
      await m.verifyWebhook({ payload: '{}', header: 't=1,v1=' + 'a'.repeat(64), secret: 'whsec_x' }).catch(() => {});
      console.log(JSON.stringify({ before, imported, constructed, requested, verified: loaded() }));
      `,
    ]);
    expect(r.before).toEqual([]);
    expect(r).toMatchObject({
      imported: [],
      constructed: [],
      requested: ['http'],
      verified: ['http', 'crypto'],
    });
  });

  it('errors from the ESM and CJS copies recognise each other', () => {
    const r = run([
      '--input-type=module',
      '-e',
      `import { createRequire } from 'node:module';
       const esm = await import('@flare/node');
       const cjs = createRequire(process.cwd() + '/package.json')('@flare/node');
       const e = new cjs.RateLimitError('x');
       console.log(JSON.stringify({ same: esm.RateLimitError === cjs.RateLimitError,
         crossGuard: esm.RateLimitError.isInstance(e), crossInstanceof: e instanceof esm.FlareError,
         wrongClass: esm.ServerError.isInstance(e) }));`,
    ]);
    expect(r).toEqual({ same: false, crossGuard: true, crossInstanceof: true, wrongClass: false });
  });

  it('loads undici with undiciTransport’s first request, not at import', () => {
    const http = `require('node:http').createServer((q, r) => { q.resume(); q.on('end', () => {
      r.writeHead(200, { 'content-type': 'application/json' }); r.end('{}'); }); })`;
    const loaded = () => Object.keys(require.cache).some((k) => k.includes('undici'));
    const script = `
      const m = require('@flare/node');
      const atImport = (${loaded})();
      const server = ${http}.listen(0, '127.0.0.1', async () => {
        const flare = new m.FlareClient({ apiKey: 'zf_test_sk_x', transport: m.undiciTransport(),
          baseUrl: 'http://127.0.0.1:' + server.address().port });
        await flare.getJob('job_1');
        console.log(JSON.stringify({ atImport, afterRequest: (${loaded})() }));
        process.exit(0);
      });`;
    expect(run(['-e', script])).toEqual({ atImport: false, afterRequest: true });
  });
});
