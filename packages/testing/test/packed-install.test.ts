// "Use it from a clone" (the root README): the packages packed with `scripts/pack-local.mjs`
// install into a scratch project, OFFLINE (a dead registry, an empty cache and store: only the
// tarballs can serve), with npm and with pnpm, and a real call runs: the project starts the fake
// from its own @flare/testing and creates and reads a job with its own @flare/node. undici, an
// optional peer, is not installed: undiciTransport() must say how to add it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEAD_REGISTRY = 'http://127.0.0.1:9/';
let tmp: string;
let packs: string;

/** The environment minus any npm/pnpm setting the outer `pnpm test` passed down. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(npm|pnpm)_config_/i.test(key)) delete env[key];
  }
  return { ...env, npm_config_registry: DEAD_REGISTRY, npm_config_update_notifier: 'false' };
}

const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 60_000 });

/** A scratch app: starts the fake, then createJob + getJob, from its own node_modules. */
const APP = `
import { DEFAULT_API_KEY, FakeFlare } from '@flare/testing';
import { FlareClient, undiciTransport } from '@flare/node';
const server = await new FakeFlare().listen({ quiet: true });
try {
  const flare = new FlareClient({ apiKey: DEFAULT_API_KEY, baseUrl: server.url });
  const job = await flare.createJob({ job_type: 'FromATarball', payload: { n: 1 } });
  const read = await flare.getJob(job.id);
  const [batched] = await flare.createJobs([{ job_type: 'FromATarball', payload: { n: 2 } }]);
  const undici = await new FlareClient({ apiKey: DEFAULT_API_KEY, baseUrl: server.url,
    transport: undiciTransport() }).getJob(job.id).then(() => 'loaded', (e) => [e.name, e.message]);
  const { createRequire } = await import('node:module');
  const cjs = createRequire(import.meta.url)('@flare/node');
  console.log(JSON.stringify({ id: read.id === job.id, state: read.state, payload: read.payload,
    cjs: typeof cjs.FlareClient, core: import.meta.resolve('@flare/core'),
    batched: batched.ok && batched.job.payload, undici }));
} finally {
  await server.close();
}
`;

function scratch(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  writeFileSync(join(dir, 'app.mjs'), APP);
  return dir;
}

function expectACall(dir: string): void {
  const out = JSON.parse(run(process.execPath, ['app.mjs'], dir).trim().split('\n').pop()!);
  expect(out).toMatchObject({ id: true, state: 'pending', payload: { n: 1 }, cjs: 'function' });
  expect(out.batched).toEqual({ n: 2 });
  expect(out.undici).toEqual([
    'FlareError',
    expect.stringMatching(/^undiciTransport\(\) needs the undici package .*npm install undici@6/),
  ]);
  // Resolved inside the scratch project, never back into the workspace.
  expect(realpathSync(fileURLToPath(out.core))).toContain(realpathSync(dir));
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'flare-packed-'));
  packs = join(tmp, 'packs');
  run(process.execPath, [join(ROOT, 'scripts/pack-local.mjs'), packs], ROOT);
}, 60_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the packed tarballs, installed offline', () => {
  const tgz = (name: string) => join(packs, `flare-${name}-0.0.0.tgz`);

  it('npm: install the tarballs, then a call against the fake works', () => {
    const dir = scratch('npm-app');
    run(
      'npm',
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        `--cache=${join(tmp, 'npm-cache')}`,
      ].concat([tgz('core'), tgz('node'), tgz('testing')]),
      dir,
    );
    expectACall(dir);
  }, 60_000);

  it('pnpm: install the tarballs (core overridden to its tarball), then a call works', () => {
    const dir = scratch('pnpm-app');
    writeFileSync(
      join(dir, 'pnpm-workspace.yaml'),
      `overrides:\n  '@flare/core': file:${tgz('core')}\n`,
    );
    run(
      'pnpm',
      ['add', '--offline', `--store-dir=${join(tmp, 'pnpm-store')}`].concat([
        tgz('core'),
        tgz('node'),
        tgz('testing'),
      ]),
      dir,
    );
    expectACall(dir);
  }, 60_000);
});
