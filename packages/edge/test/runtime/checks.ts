// The runtime checks: the shared webhook vectors and a client round trip, run INSIDE each runtime
// (workerd without nodejs_compat, the edge runtime's VM, Node) from the built package. Runtime
// neutral on purpose: no vitest, no node: import, no Buffer, no process. It returns a plain
// report; the Node side asserts on it (test/support/expect-report.ts).
import {
  FlareClient,
  FlareError,
  FlareWorker,
  NonRetryableError,
  RateLimitError,
  ResponseTooLargeError,
  verifyWebhook,
  WebhookVerificationError,
} from '@flare/edge';
import vectorFile from '../../../../spec/webhook-vectors.json' with { type: 'json' };

/** What one vector gave in one payload form: `valid` or the verification error's reason. */
export interface VectorOutcome {
  name: string;
  form: string;
  expect: string;
  got: string;
  message?: string;
  /** For the `Request` form: its body was still unread and intact afterwards. */
  bodyIntact?: boolean;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const FORMS: Record<string, (payload: string) => string | Uint8Array | ArrayBuffer> = {
  string: (p) => p,
  'Uint8Array at an offset': (p) => {
    const bytes = utf8(p);
    const backing = new Uint8Array(bytes.length + 9).fill(0x7b);
    backing.set(bytes, 5);
    return backing.subarray(5, 5 + bytes.length);
  },
  ArrayBuffer: (p) => utf8(p).buffer,
};

async function outcome(run: Promise<unknown>, payload: string): Promise<Partial<VectorOutcome>> {
  try {
    const event = await run;
    const same = JSON.stringify(event) === JSON.stringify(JSON.parse(payload));
    return { got: same ? 'valid' : 'resolved to a different event' };
  } catch (error) {
    if (WebhookVerificationError.isInstance(error)) {
      return { got: error.reason, message: error.message };
    }
    return { got: `threw ${(error as Error)?.name}: ${(error as Error)?.message}` };
  }
}

async function checkVectors(): Promise<VectorOutcome[]> {
  const results: VectorOutcome[] = [];
  for (const v of vectorFile.vectors) {
    const base = { secret: v.secrets, now: v.now, toleranceSec: vectorFile.tolerance_sec };
    for (const [form, toPayload] of Object.entries(FORMS)) {
      const run = verifyWebhook({ ...base, payload: toPayload(v.payload), header: v.header });
      results.push({
        name: v.name,
        form,
        expect: v.expect,
        got: '',
        ...(await outcome(run, v.payload)),
      });
    }
    const request = new Request('https://example.test/webhooks/flare', {
      method: 'POST',
      headers: v.header === null ? {} : { 'zeridion-signature': v.header },
      body: v.payload,
    });
    const result = await outcome(verifyWebhook({ ...base, request }), v.payload);
    const bodyIntact = !request.bodyUsed && (await request.text()) === v.payload;
    results.push({
      name: v.name,
      form: 'Request',
      expect: v.expect,
      got: '',
      ...result,
      bodyIntact,
    });
  }
  return results;
}

/** `{ name, status, attempts, … }` of what a call rejected with, for the report. */
async function failure(run: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await run;
    return { name: 'resolved' };
  } catch (error) {
    if (!FlareError.isInstance(error)) return { name: `not a FlareError: ${String(error)}` };
    const { name, status, code, attempts, requestId, message } = error;
    const extra = RateLimitError.isInstance(error)
      ? { retryAfter: error.retryAfter, limit: error.limit, remaining: error.remaining }
      : ResponseTooLargeError.isInstance(error)
        ? { maxResponseBytes: error.maxResponseBytes }
        : {};
    return { name, status, code, attempts, requestId, message, ...extra };
  }
}

async function checkClient(baseUrl: string) {
  const options = { apiKey: 'zf_test_sk_edge', baseUrl, retryBaseDelayMs: 1, retryMaxDelayMs: 20 };
  const flare = new FlareClient(options);
  const created = await flare
    .createJob({ job_type: 'SendWelcomeEmail', payload: { email: 'ada@example.com' } })
    .withResponse();
  const ids: string[] = [];
  for await (const job of flare.listJobs({ limit: 2 })) ids.push(job.id);
  const retried = await flare
    .createJob({ job_type: 'A' }, { requestId: 'scenario-503' })
    .withResponse();
  // Retry-After (1 s) is capped at retryMaxDelayMs: this client lets the server's wait through.
  const afterRateLimit = await new FlareClient({ ...options, retryMaxDelayMs: 5000 })
    .createJob({ job_type: 'A' }, { requestId: 'scenario-429' })
    .withResponse();
  // The caller's AbortSignal: the call rejects with its reason itself, at once.
  const controller = new AbortController();
  const reason = new Error('the caller gave up');
  const abortable = flare.getJob('job_slow', { signal: controller.signal });
  const abortStarted = Date.now();
  setTimeout(() => controller.abort(reason), 50);
  const aborted = await abortable.then(
    () => 'resolved',
    (error) => (error === reason ? 'the reason' : String(error)),
  );
  const abortMs = Date.now() - abortStarted;
  const pages: string[][] = [];
  for await (const page of flare.listJobs({ limit: 2 }).pages())
    pages.push(page.jobs.map((j) => j.id));
  const capped = await flare
    .createJob({ job_type: 'A' }, { requestId: 'scenario-429-capped' })
    .withResponse();
  return {
    created: { id: created.data.id, payload: created.data.payload, requestId: created.requestId },
    cancelled: (await flare.cancelJob('job_7')).state,
    retriedJob: (await flare.retryJob('job_7')).state,
    pages,
    cappedRetry: { attempts: capped.attempts, status: capped.status },
    idempotencyKey: created.idempotencyKey,
    got: (await flare.getJob('job_7'))?.id,
    missing: await flare.getJob('job_missing'),
    listed: ids,
    retried503: { attempts: retried.attempts, status: retried.status },
    retried429: { attempts: afterRateLimit.attempts, status: afterRateLimit.status },
    rateLimited: await failure(
      flare.createJob({ job_type: 'A' }, { requestId: 'scenario-429-terminal', maxRetries: 0 }),
    ),
    tooLarge: await failure(
      new FlareClient({ ...options, maxResponseBytes: 4096 }).getJob('job_huge'),
    ),
    redirected: await failure(
      flare.createJob({ job_type: 'A' }, { requestId: 'scenario-redirect' }),
    ),
    declaredTooLarge: await failure(
      new FlareClient({ ...options, maxResponseBytes: 4096 }).getJob('job_declared_huge'),
    ),
    missingKey: await failure(Promise.resolve().then(() => new FlareClient({ baseUrl }))),
    // 100 ms per attempt, one retry: a TimeoutError after two tries, not the stub's 3 s answer.
    timedOut: await failure(
      new FlareClient({ ...options, timeoutMs: 100, maxRetries: 1 }).getJob('job_slow', {
        requestId: 'scenario-timeout',
      }),
    ),
    aborted: { with: aborted, ms: abortMs },
  };
}

/**
 * `drain()` twice: a queue of two jobs that succeed and one that fails for good (stops when a
 * claim comes back empty), then one job that outlives a 3 s deadline: aborted at 2.7 s and
 * released within the 300 ms kept for it. Each run has its own queues, so runtimes checked at
 * once never share the stub's jobs.
 */
async function checkWorker(baseUrl: string) {
  const client = new FlareClient({ apiKey: 'zf_test_sk_edge', baseUrl, retryBaseDelayMs: 1 });
  const key = Math.random().toString(36).slice(2, 10);
  const progress: number[] = [];
  const worker = new FlareWorker({
    client,
    queues: [`drain-${key}`],
    concurrency: 2,
    handlers: {
      Ping: (job, ctx) => {
        ctx.progress(100, 'done');
        return { pong: job.payload.n };
      },
      Fail: () => {
        throw new NonRetryableError('bad payload');
      },
    },
  });
  worker.on('progress', ({ percent }) => progress.push(percent));
  const { durationMs: _, ...summary } = await worker.drain({ deadlineMs: 5_000 });
  const slow = new FlareWorker({
    client,
    queues: [`deadline-${key}`],
    handlers: {
      // Resolves only when aborted: the deadline must end it.
      Slow: (_job, ctx) =>
        new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(null))),
    },
  });
  const abortedBy: string[] = [];
  slow.on('released', ({ job }) => abortedBy.push(job.id));
  const startedAt = Date.now();
  const { durationMs: __, ...deadline } = await slow.drain({ deadlineMs: 3_000 });
  return {
    key,
    summary,
    progress,
    deadline,
    deadlineMs: Date.now() - startedAt,
    released: abortedBy,
  };
}

/**
 * Runs every check against the stub Flare at `baseUrl` and reports, plus what the runtime has
 * (a Worker without nodejs_compat has neither `process` nor `Buffer`).
 */
export async function runChecks(baseUrl: string) {
  const g = globalThis as Record<string, unknown>;
  return {
    globals: { process: typeof g.process, Buffer: typeof g.Buffer },
    vectors: await checkVectors(),
    client: await checkClient(baseUrl),
    worker: await checkWorker(baseUrl),
  };
}

export type Report = Awaited<ReturnType<typeof runChecks>>;
