// Runs src/main.ts as a real process (bundled by esbuild, @flare/node left to node_modules)
// against @flare/testing's fake over HTTP, and stops it with a real SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FakeFlare } from '@flare/testing';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const OUT = fileURLToPath(new URL('../node_modules/.cache/node-worker/main.mjs', import.meta.url));
const children: ChildProcess[] = [];
let fake: FakeFlare;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  await build({
    entryPoints: [fileURLToPath(new URL('../src/main.ts', import.meta.url))],
    outfile: OUT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
});

afterEach(async () => {
  // Only the processes this file started, by pid.
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await server?.close();
});
afterAll(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startWorker(sendDelayMs: number) {
  const child = spawn(process.execPath, [OUT], {
    env: {
      ...process.env,
      FLARE_API_KEY: 'zf_test_sk_fake',
      FLARE_BASE_URL: server.url,
      SEND_DELAY_MS: String(sendDelayMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, output: () => output };
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the node-worker example', () => {
  it('runs the queued jobs, fails a bad payload for good, and exits 0 on SIGTERM', async () => {
    fake = new FakeFlare();
    server = await fake.listen({ port: 0 });
    const good = ['ada@example.com', 'grace@example.com'].map(
      (email) => fake.createJob({ job_type: 'SendWelcomeEmail', payload: { email } }).id,
    );
    const bad = fake.createJob({ job_type: 'SendWelcomeEmail', payload: { email: 'nope' } }).id;
    const worker = startWorker(50);
    await until(
      () =>
        good.every((id) => fake.getJob(id)?.state === 'succeeded') &&
        fake.getJob(bad)?.state === 'failed',
      'the jobs to finish',
    );
    expect(fake.getJob(good[0]!)).toMatchObject({ result: { message_id: `msg_${good[0]}` } });
    expect(fake.getJob(bad)).toMatchObject({
      attempts: 1,
      last_error: { type: 'NonRetryableError' },
    });
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toMatch(/worker stopped/);
  });

  it('lets a running job finish on SIGTERM before exiting 0', async () => {
    fake = new FakeFlare();
    server = await fake.listen({ port: 0 });
    const id = fake.createJob({
      job_type: 'SendWelcomeEmail',
      payload: { email: 'ada@example.com' },
    }).id;
    const worker = startWorker(1_000);
    await until(() => fake.getJob(id)?.state === 'running', 'the job to start');
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(fake.getJob(id)).toMatchObject({ state: 'succeeded', attempts: 1 });
  });
});
