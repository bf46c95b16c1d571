// The `flare-fake` bin as another language's test suite would run it: a child process, one line
// on stdout, plain HTTP (API + control API), and a clean exit on SIGINT/SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spec } from './helpers/fidelity.js';

const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** fetch, with every /v1 answer checked against the spec like the in-process suites do. */
async function api(url: string, path: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url + path, init);
  const body = await res.clone().json();
  const headers = Object.fromEntries(res.headers);
  expect(spec.response(init.method ?? 'GET', path, res.status, headers, body)).toEqual([]);
  return res;
}

async function start(
  args: string[],
): Promise<{ child: ChildProcess; url: string; stdout: () => string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8');
  const line = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  const first = await line;
  const m = /^Flare fake server listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
  if (!m) throw new Error(`unexpected first line: ${first}`);
  return { child, url: m[1]!, stdout: () => out };
}

describe('flare-fake CLI', () => {
  it('serves the API with the given keys and the control API, then exits 0 on SIGTERM', async () => {
    const { child, url, stdout } = await start([
      '--port',
      '0',
      '--api-key',
      'zf_test_sk_a',
      '--api-key',
      'zf_test_sk_b',
    ]);
    const auth = { authorization: 'Bearer zf_test_sk_b', 'content-type': 'application/json' };
    const created = await api(url, '/v1/jobs', {
      method: 'POST',
      headers: auth,
      body: '{"job_type":"Py.Task"}',
    });
    expect(created.status).toBe(201);
    const job = (await created.json()) as { id: string };
    const denied = await api(url, '/v1/jobs', {
      headers: { authorization: 'Bearer zf_test_sk_fake' },
    });
    expect(denied.status).toBe(401);
    const done = await fetch(`${url}/_fake/jobs/${job.id}/complete`, {
      method: 'POST',
      body: '{"result":{"ok":true}}',
    });
    expect(await done.json()).toMatchObject({ state: 'succeeded', result: { ok: true } });
    await fetch(`${url}/_fake/faults`, {
      method: 'POST',
      body: '{"method":"GET","path":"/v1/jobs","status":503}',
    });
    expect((await api(url, '/v1/jobs', { headers: auth })).status).toBe(503);
    const hooks = (await (await fetch(`${url}/_fake/webhooks`)).json()) as {
      webhooks: { event: { type: string } }[];
    };
    expect(hooks.webhooks.map((w) => w.event.type)).toEqual(['job.succeeded']);
    const advanced = await fetch(`${url}/_fake/clock/advance`, {
      method: 'POST',
      body: '{"ms":60000}',
    });
    expect(advanced.status).toBe(200);
    const page = await fetch(`${url}/_fake/ui`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Flare fake</title>');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stdout().trim().split('\n')).toEqual([
      `Flare fake server listening on ${url}`,
      `Dashboard: ${url}/_fake/ui`,
    ]);
  });

  it('accepts the default key and exits 0 on SIGINT', async () => {
    const { child, url } = await start([]);
    const res = await api(url, '/v1/jobs', {
      headers: { authorization: 'Bearer zf_test_sk_fake' },
    });
    expect(res.status).toBe(200);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('refuses bad arguments with exit code 2', async () => {
    const child = spawn(process.execPath, [BIN, '--port', 'abc'], { stdio: 'ignore' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
  });
});

// Issue 14 as an ops team would meet it: a worker stopped mid long poll must not leave the fake
// holding a poll that claims the next job for no one.
describe('flare-fake CLI: a long poll whose client goes away', () => {
  let child: ChildProcess;
  let url: string;
  beforeAll(async () => {
    ({ child, url } = await start([]));
  });
  afterAll(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    process.kill(child.pid!, 'SIGTERM');
    await exited;
  });

  it('claims nothing for an aborted claim: the next job goes to a second client at once', async () => {
    const headers = { authorization: 'Bearer zf_test_sk_fake', 'content-type': 'application/json' };
    const aborter = new AbortController();
    const dead = fetch(`${url}/v1/jobs/claim`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ queues: ['default'], wait_ms: 20_000 }),
      signal: aborter.signal,
    }).catch((error: unknown) => error);
    await new Promise((r) => setTimeout(r, 100));
    aborter.abort();
    expect((await dead) as Error).toMatchObject({ name: 'AbortError' });
    const created = await api(url, '/v1/jobs', {
      method: 'POST',
      headers,
      body: '{"job_type":"Ops.Task"}',
    });
    const job = (await created.json()) as { id: string };
    const t = Date.now();
    const claimed = await api(url, '/v1/jobs/claim', {
      method: 'POST',
      headers,
      body: '{"queues":["default"]}',
    });
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(await claimed.json()).toMatchObject({
      jobs: [{ id: job.id, state: 'running', attempts: 1 }],
    });
  });
});
