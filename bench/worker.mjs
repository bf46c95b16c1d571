// FlareWorker against a fake Flare server in another process (bench/fake-child.mjs), each figure
// against a baseline measured in the same run:
// - throughput of no-op jobs (10,000 queued, concurrency 64), FlareWorker acknowledging in batches
//   (POST /v1/jobs/complete, issue 15), vs a hand-written loop making the single-call protocol's
//   requests (claim with the free slots, POST /v1/jobs/{id}/complete for each job) over bare
//   node:http (issue 10's baseline);
// - enqueue-to-handler-start latency with an idle long-polling worker vs one bare createJob round
//   trip; idle requests a minute with default options; heap after 50,000 jobs vs after 5,000.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { FlareClient, FlareWorker } from '@flare/node';
import { median, report, settleHeap, target } from './lib.mjs';
import { rawRequest } from './raw-http.mjs';

const KEY = 'zf_test_sk_bench';
const CHILD = fileURLToPath(new URL('./fake-child.mjs', import.meta.url));
const noop = { Noop: () => null };

/** Starts a fake with `jobs` queued Noop jobs in a child process; `stop()` ends it. */
async function childFake(jobs, recorded = 0) {
  const child = spawn(process.execPath, [CHILD, String(jobs), String(recorded)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`fake exited early (${code})`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      child.once('exit', resolve);
      child.stdin.end();
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  return { url, stop };
}

/** A bare JSON POST over a keep-alive agent, with the headers the SDK's POSTs carry. */
function rawPost(agent, base) {
  return (path, body) =>
    rawRequest(
      agent,
      `${base}${path}`,
      'POST',
      {
        authorization: `Bearer ${KEY}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      JSON.stringify(body),
    );
}

/** The baseline: claim up to the free slots (long-polling), complete each job, until `total`. */
async function protocolLoop(base, total, concurrency) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency + 1 });
  const post = rawPost(agent, base);
  let done = 0;
  let running = 0;
  let wake;
  const finished = [];
  while (done + running < total) {
    const free = Math.min(concurrency - running, total - done - running);
    if (free === 0) {
      await new Promise((resolve) => (wake = resolve));
      continue;
    }
    const { jobs } = await post('/v1/jobs/claim', {
      queues: ['default'],
      job_types: ['Noop'],
      limit: free,
      lease_seconds: 60,
      wait_ms: 20_000,
      worker_id: 'bench-loop',
    });
    for (const job of jobs) {
      running++;
      finished.push(
        post(`/v1/jobs/${job.id}/complete`, { lease_id: job.lease.id, result: null }).then(() => {
          running--;
          done++;
          wake?.();
        }),
      );
    }
  }
  await Promise.all(finished);
  agent.destroy();
}

/** FlareWorker runs `total` queued jobs; resolves once they all succeeded and it has stopped. */
async function workerRun(base, total, concurrency, onSucceeded) {
  const worker = new FlareWorker({
    client: new FlareClient({ apiKey: KEY, baseUrl: base }),
    handlers: noop,
    concurrency,
    handleSignals: false,
  });
  let done = 0;
  const all = new Promise((resolve) => {
    worker.on('succeeded', () => {
      done++;
      onSucceeded?.(done);
      if (done === total) resolve();
    });
  });
  const running = worker.run();
  await all;
  await worker.close();
  await running;
}

async function throughputCase(jobs, concurrency, fn) {
  const fake = await childFake(jobs);
  try {
    settleHeap();
    const t = process.hrtime.bigint();
    await fn(fake.url, jobs, concurrency);
    return jobs / (Number(process.hrtime.bigint() - t) / 1e9);
  } finally {
    await fake.stop();
  }
}

async function latency(rounds) {
  const fake = await childFake(0);
  const agent = new http.Agent({ keepAlive: true });
  const post = rawPost(agent, fake.url);
  const client = new FlareClient({ apiKey: KEY, baseUrl: fake.url });
  let startedAt;
  let onStart;
  const worker = new FlareWorker({
    client,
    handlers: {
      Noop: () => {
        startedAt = process.hrtime.bigint();
        onStart();
        return null;
      },
    },
    handleSignals: false,
  });
  const running = worker.run();
  const bare = [];
  const toStart = [];
  try {
    await post('/v1/jobs', { job_type: 'Warmup', payload: {} });
    for (let r = 0; r < rounds; r++) {
      // The worker is idle in its long poll again before each round.
      await new Promise((resolve) => setTimeout(resolve, 30));
      let t = process.hrtime.bigint();
      await post('/v1/jobs', { job_type: 'Other', payload: {} });
      bare.push(Number(process.hrtime.bigint() - t) / 1000);
      const started = new Promise((resolve) => (onStart = resolve));
      t = process.hrtime.bigint();
      await client.createJob({ job_type: 'Noop', payload: {} });
      await started;
      toStart.push(Number(startedAt - t) / 1000);
    }
  } finally {
    await worker.close();
    await running;
    agent.destroy();
    await fake.stop();
  }
  return { bare: median(bare), toStart: median(toStart) };
}

async function idleRequestsPerMinute(seconds) {
  const fake = await childFake(0, 1_000);
  const worker = new FlareWorker({
    client: new FlareClient({ apiKey: KEY, baseUrl: fake.url }),
    handlers: noop,
    handleSignals: false,
  });
  const running = worker.run();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const res = await fetch(`${fake.url}/_fake/requests`);
  const requests = await res.json();
  await worker.close();
  await running;
  await fake.stop();
  const count = (Array.isArray(requests) ? requests : requests.requests).length;
  return (count / seconds) * 60;
}

async function heapGrowth(total, early) {
  const fake = await childFake(total);
  let earlyHeap = 0;
  try {
    await workerRun(fake.url, total, 64, (done) => {
      if (done === early) {
        settleHeap();
        earlyHeap = process.memoryUsage().heapUsed;
      }
    });
    settleHeap();
    return { earlyHeap, lateHeap: process.memoryUsage().heapUsed };
  } finally {
    await fake.stop();
  }
}

export async function run({ quick }) {
  const jobs = quick ? 2_000 : 10_000;
  const rounds = quick ? 1 : 3;
  const rates = { loop: [], worker: [] };
  for (let r = 0; r < rounds; r++) {
    rates.loop.push(await throughputCase(jobs, 64, protocolLoop));
    rates.worker.push(await throughputCase(jobs, 64, workerRun));
  }
  const perRound = rates.worker.map((w, i) => w / rates.loop[i]);
  const loopName = 'bare node:http single-call protocol loop';
  report(
    `worker — no-op jobs per second, ${jobs.toLocaleString('en-US')} queued, concurrency 64 (median of ${rounds}; fake in its own process)`,
    {
      [loopName]: median(rates.loop),
      'FlareWorker, batched acknowledgements': median(rates.worker),
    },
    { unit: 'jobs/s', baseline: loopName },
  );
  console.log(`  per-round ratios: ${perRound.map((x) => `${x.toFixed(2)}x`).join(', ')}`);
  target('worker (batched acks) vs bare single-call protocol loop', median(perRound), '>=', 2);

  const lat = await latency(quick ? 10 : 50);
  report(
    'worker — enqueue to handler start, idle long-polling worker (median µs)',
    { 'bare createJob round trip': lat.bare, 'createJob to handler start': lat.toStart },
    { unit: 'µs', baseline: 'bare createJob round trip' },
  );
  target('worker start latency vs one createJob round trip', lat.toStart / lat.bare, '<=', 1.5);

  const seconds = quick ? 21 : 60;
  const perMinute = await idleRequestsPerMinute(seconds);
  console.log(
    `\nworker — idle, default options: ${perMinute.toFixed(1)} requests a minute (over ${seconds} s)`,
  );
  target('worker idle requests a minute (absolute)', perMinute, '<=', 4);

  const total = quick ? 10_000 : 50_000;
  const early = total / 10;
  const heap = await heapGrowth(total, early);
  const growthMb = (heap.lateHeap - heap.earlyHeap) / 2 ** 20;
  console.log(
    `\nworker — heap after ${total.toLocaleString('en-US')} jobs vs after ${early.toLocaleString('en-US')}: ` +
      `${(heap.earlyHeap / 2 ** 20).toFixed(1)} MB → ${(heap.lateHeap / 2 ** 20).toFixed(1)} MB (${growthMb >= 0 ? '+' : ''}${growthMb.toFixed(2)} MB)`,
  );
  target('worker heap growth, MB (absolute)', growthMb, '<=', 5);
}
