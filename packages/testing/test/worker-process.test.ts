// Real worker processes (test/fixtures/worker-process.mjs, the built @flare/node) sharing the
// fake over HTTP. Each test stops the processes it started, by pid; afterAll kills any left.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FakeFlare } from '@flare/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/worker-process.mjs', import.meta.url));

interface Line {
  ev: string;
  worker: string;
  t: number;
  id?: string;
  reason?: string;
}

interface Worker {
  child: ChildProcess;
  lines: Line[];
  exited: Promise<number | null>;
  stderr: () => string;
}

const started: ChildProcess[] = [];
let fake: FakeFlare;
let url: string;
let close: () => Promise<void>;

afterEach(async () => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await close?.();
});
afterAll(() => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

async function startFake(options: ConstructorParameters<typeof FakeFlare>[0] = {}) {
  fake = new FakeFlare(options);
  ({ url, close } = await fake.listen({ port: 0 }));
}

function startWorker(name: string, env: Record<string, string> = {}): Worker {
  const child = spawn(process.execPath, [FIXTURE], {
    env: { ...process.env, FLARE_URL: url, WORKER_NAME: name, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const lines: Line[] = [];
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = rest + chunk.toString('utf8');
    const parts = text.split('\n');
    rest = parts.pop()!;
    for (const part of parts) if (part) lines.push(JSON.parse(part));
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null && stderr) console.error(stderr);
      resolve(code);
    }),
  );
  return { child, lines, exited, stderr: () => stderr };
}

/** Resolves once every worker printed its ready line (a loaded machine starts node slowly). */
async function ready(...workers: Worker[]): Promise<void> {
  await until(
    () => workers.every((w) => w.lines.some((l) => l.ev === 'ready')),
    30_000,
    'the workers to start',
  ).catch((error: Error) => {
    throw new Error(`${error.message}; stderr: ${workers.map((w) => w.stderr()).join(' | ')}`);
  });
}

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const enqueue = (ms: number) => fake.createJob({ job_type: 'Work', payload: { ms } }).id;

describe('worker processes', () => {
  it('three processes share 3,000 jobs: each succeeds exactly once, never in two places at once', async () => {
    await startFake();
    const ids = Array.from({ length: 3_000 }, () => enqueue(Math.floor(Math.random() * 20)));
    const workers = ['a', 'b', 'c'].map((name) => startWorker(name, { CONCURRENCY: '16' }));
    await ready(...workers);
    // Counted from the workers' lines: reading fake.jobs (3,000 clones) in a tight loop would
    // starve the fake, which shares this process.
    const ends = () =>
      workers.reduce((n, w) => n + w.lines.filter((l) => l.ev === 'end').length, 0);
    await until(() => ends() >= ids.length, 90_000, 'every job to end');
    await until(
      () => ids.every((id) => fake.getJob(id)?.state === 'succeeded'),
      10_000,
      'every job to succeed',
    );
    for (const w of workers) w.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0, 0]);
    const lines = workers.flatMap((w) => w.lines);
    for (const id of ids) {
      const starts = lines.filter((l) => l.ev === 'start' && l.id === id);
      expect(starts, id).toHaveLength(1);
      expect(fake.getJob(id)).toMatchObject({
        state: 'succeeded',
        attempts: 1,
        result: { worker: starts[0]!.worker },
      });
    }
    // Every worker took a share.
    for (const w of workers)
      expect(w.lines.filter((l) => l.ev === 'start').length).toBeGreaterThan(100);
  }, 120_000);

  it('a worker killed with -9 mid-job loses nothing: the job finishes elsewhere after its lease', async () => {
    // A 1 s server backoff after the expired attempt, instead of 10 s, keeps the test short.
    await startFake({ retryBackoffMs: () => 1_000 });
    const id = enqueue(1_500);
    const doomed = startWorker('doomed', { LEASE_SECONDS: '5' });
    await ready(doomed);
    await until(() => doomed.lines.some((l) => l.ev === 'start'), 15_000, 'the job to start');
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const killedAt = Date.now();
    const heir = startWorker('heir', { LEASE_SECONDS: '5', POLL_WAIT_MS: '500' });
    await until(() => fake.getJob(id)?.state === 'succeeded', 40_000, 'the job to finish');
    // Not before the lease (5 s from the claim) ran out.
    expect(Date.now() - killedAt).toBeGreaterThan(2_500);
    expect(fake.getJob(id)).toMatchObject({ attempts: 2, result: { worker: 'heir' } });
    expect(heir.lines.filter((l) => l.ev === 'end' && l.id === id)).toHaveLength(1);
    heir.child.kill('SIGTERM');
    expect(await heir.exited).toBe(0);
  }, 90_000);

  it('SIGTERM: running jobs finish, nothing new is claimed, exit 0', async () => {
    await startFake();
    const ids = Array.from({ length: 5 }, () => enqueue(800));
    const w = startWorker('term', { CONCURRENCY: '2' });
    await ready(w);
    await until(() => w.lines.filter((l) => l.ev === 'start').length === 2, 15_000, 'two starts');
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    const startedIds = w.lines.filter((l) => l.ev === 'start').map((l) => l.id);
    expect(startedIds).toHaveLength(2);
    for (const id of ids) {
      expect(fake.getJob(id)).toMatchObject(
        startedIds.includes(id) ? { state: 'succeeded' } : { state: 'pending', attempts: 0 },
      );
    }
    expect(w.lines.at(-1)!.ev).toBe('stopped');
  }, 60_000);

  it('a job past shutdownTimeoutMs is aborted and released, and the process still exits 0', async () => {
    await startFake();
    const id = enqueue(30_000);
    const w = startWorker('slow', { SHUTDOWN_TIMEOUT_MS: '300' });
    await ready(w);
    await until(() => w.lines.some((l) => l.ev === 'start'), 15_000, 'the job to start');
    const at = Date.now();
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    expect(Date.now() - at).toBeLessThan(5_000);
    expect(w.lines.find((l) => l.ev === 'abort')).toMatchObject({
      id,
      reason: 'WorkerStoppedError',
    });
    expect(w.lines.find((l) => l.ev === 'released')).toMatchObject({ id });
    expect(fake.getJob(id)).toMatchObject({ state: 'pending', attempts: 0 });
  }, 60_000);
});
