import { expect } from 'vitest';
import vectorFile from '../../../../spec/webhook-vectors.json' with { type: 'json' };
import type { Report } from '../runtime/checks.js';
import type { Seen } from './stub-server.js';

const SECRETS = [vectorFile.secret, vectorFile.secondary_secret];

/** The webhook vectors, in every payload form and as a `Request`, gave what the spec expects. */
export function expectVectors(report: Report): void {
  expect(report.vectors).toHaveLength(vectorFile.vectors.length * 4);
  for (const outcome of report.vectors) {
    const vector = vectorFile.vectors.find((v) => v.name === outcome.name)!;
    const where = `${outcome.name} as ${outcome.form}`;
    expect(outcome.got, where).toBe(vector.expect);
    for (const secret of SECRETS) expect(outcome.message ?? '', where).not.toContain(secret);
    if (vector.message_includes) expect(outcome.message, where).toContain(vector.message_includes);
    if (outcome.form === 'Request') expect(outcome.bodyIntact, where).toBe(true);
  }
}

/** The client round trip went as the stub scripted it, and the stub saw the right requests. */
export function expectClient(report: Report, seen: Seen[], runtimeTag: RegExp): void {
  const { client } = report;
  expect(client.created).toEqual({
    id: 'job_created',
    payload: { email: 'ada@example.com' },
    requestId: 'req_create',
  });
  expect(client.idempotencyKey).toMatch(/^flare-[0-9a-f-]{36}$/);
  expect(client.got).toBe('job_7');
  expect(client.missing).toBeNull();
  expect(client.listed).toEqual(['job_5', 'job_4', 'job_3', 'job_2', 'job_1']);
  expect(client.cancelled).toBe('cancelled');
  expect(client.retriedJob).toBe('pending');
  for (const action of ['cancel', 'retry']) {
    const [post, ...more] = seen.filter((r) => r.url === `/v1/jobs/job_7/${action}`);
    expect(more, action).toEqual([]);
    expect(post!.method, action).toBe('POST');
    expect(post!.headers['idempotency-key'], action).toMatch(/^flare-/);
  }
  expect(client.pages).toEqual([['job_5', 'job_4'], ['job_3', 'job_2'], ['job_1']]);
  expect(client.retried503).toEqual({ attempts: 2, status: 201 });
  // `Retry-After: 5` over retryMaxDelayMs (20 ms): the wait was capped, not 5 s.
  expect(client.cappedRetry).toEqual({ attempts: 2, status: 201 });
  const [capped, afterCap] = seen.filter(
    (r) => r.headers['x-request-id'] === 'scenario-429-capped',
  );
  expect(afterCap!.at - capped!.at).toBeLessThan(1000);
  expect(client.retried429).toEqual({ attempts: 2, status: 201 });
  expect(client.rateLimited).toMatchObject({
    name: 'RateLimitError',
    status: 429,
    attempts: 1,
    requestId: 'req_429',
    retryAfter: 1,
    limit: 10,
    remaining: 0,
  });
  for (const tooLarge of [client.tooLarge, client.declaredTooLarge]) {
    expect(tooLarge).toMatchObject({
      name: 'ResponseTooLargeError',
      status: 200,
      attempts: 1,
      maxResponseBytes: 4096,
    });
  }
  // Not followed (a POST would come back as a GET): one request, a FlareError naming the target.
  expect(client.redirected).toMatchObject({
    name: 'FlareError',
    status: 301,
    attempts: 1,
    code: 'redirect_not_followed',
  });
  expect(client.redirected.message).toMatch(
    /^301 redirect_not_followed: to .*\/v1\/jobs: set baseUrl/,
  );
  expect(seen.filter((r) => r.headers['x-request-id'] === 'scenario-redirect')).toHaveLength(1);
  expect(client.missingKey).toMatchObject({ name: 'FlareError' });
  expect(client.missingKey.message).toMatch(/new FlareClient\(\{ apiKey: env\.FLARE_API_KEY \}\)/);

  expect(client.timedOut).toMatchObject({ name: 'TimeoutError', attempts: 2 });
  expect(client.timedOut.message).toMatch(/Timed out after 100 ms/);
  expect(seen.filter((r) => r.headers['x-request-id'] === 'scenario-timeout')).toHaveLength(2);
  expect(client.aborted.with).toBe('the reason');
  expect(client.aborted.ms).toBeLessThan(1500);

  const tries = seen.filter((r) => r.headers['x-request-id'] === 'scenario-503');
  expect(tries.map((r) => r.headers['x-flare-retry-count'])).toEqual(['0', '1']);
  expect(new Set(tries.map((r) => r.headers['idempotency-key'])).size).toBe(1);
  // The 429's `Retry-After: 1` was waited out (the client's own backoff is 1 ms).
  const [limited, after] = seen.filter((r) => r.headers['x-request-id'] === 'scenario-429');
  expect(after!.at - limited!.at).toBeGreaterThanOrEqual(950);
  for (const request of seen) {
    expect(request.headers.authorization).toBe('Bearer zf_test_sk_edge');
    expect(request.headers['x-flare-client']).toMatch(runtimeTag);
  }
  // One request per big body: over the cap is never retried.
  expect(seen.filter((r) => r.url.endsWith('/job_huge'))).toHaveLength(1);
}

/** Both drains went as scripted, through the protocol calls the stub expects. */
export function expectWorker(report: Report, seen: Seen[]): void {
  const { key, summary, progress, deadline, deadlineMs, released } = report.worker;
  expect(summary).toEqual({
    claimed: 3,
    succeeded: 2,
    failed: 1,
    released: 0,
    lost: 0,
    stoppedBy: 'empty',
  });
  expect(progress).toEqual([100, 100]);
  const mine = seen.filter((r) => r.url.includes(key) || r.body.includes(key));
  const claims = mine.filter((r) => r.url === '/v1/jobs/claim').map((r) => JSON.parse(r.body));
  // No long poll in a drain; the second claim (empty) ends it.
  expect(claims.filter((c) => c.queues[0] === `drain-${key}`)).toMatchObject([
    { limit: 2, wait_ms: 0, job_types: ['Ping', 'Fail'] },
    { wait_ms: 0 },
  ]);
  const body = (path: string) => JSON.parse(mine.find((r) => r.url === path)!.body);
  // Completions go batched (POST /v1/jobs/complete), each item once.
  const acks = mine
    .filter((r) => r.url === '/v1/jobs/complete')
    .flatMap((r) => JSON.parse(r.body).jobs as { id: string }[]);
  expect(acks.map((a) => a.id).sort()).toEqual([`job_${key}_ping1`, `job_${key}_ping2`]);
  const ack = (id: string) => acks.find((a) => a.id === id);
  expect(ack(`job_${key}_ping1`)).toMatchObject({ result: { pong: 1 } });
  expect(ack(`job_${key}_ping2`)).toMatchObject({ result: { pong: 2 } });
  expect(body(`/v1/jobs/job_${key}_fail/fail`)).toMatchObject({
    retryable: false,
    error: { type: 'NonRetryableError', message: 'bad payload' },
  });
  // Claiming stopped at the empty second claim; the job still running at the deadline went back.
  expect(deadline).toMatchObject({ claimed: 1, released: 1, stoppedBy: 'empty' });
  expect(released).toEqual([`job_${key}_slow`]);
  expect(mine.filter((r) => r.url === `/v1/jobs/job_${key}_slow/release`)).toHaveLength(1);
  expect(deadlineMs).toBeGreaterThanOrEqual(2_700);
  expect(deadlineMs).toBeLessThan(4_000);
}
