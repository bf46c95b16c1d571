import { FlareClient } from '../../client/flare-client.js';
import type { TransportRequest, TransportResponse } from '../../http/transport.js';
import type { ClaimedJob } from '../types.js';

/** One request the stub received, its JSON body parsed. */
export interface StubRequest {
  action: 'claim' | 'heartbeat' | 'complete' | 'fail' | 'release';
  jobId: string | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary body fields
  body: any;
  headers: Record<string, string>;
  signal: AbortSignal | undefined;
  at: number;
  /** Sent as an item of a batch `complete` (its `idempotency_key` shown as the header). */
  batched?: boolean;
}

export interface StubReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Runs as the body is read: after the response head arrived, whatever the signal does then. */
  onBody?: () => void;
}

type Route = (req: StubRequest) => StubReply | undefined | Promise<StubReply | undefined>;

let seq = 0;
const ulid = () => String(++seq).padStart(26, '0');

/** A claimed job as the wire returns it. */
export function claimedJob(jobType = 'Ping', overrides: Partial<ClaimedJob> = {}): ClaimedJob {
  const id = `job_${ulid()}`;
  const at = new Date(0).toISOString();
  return {
    id,
    object: 'job',
    job_type: jobType,
    queue: 'default',
    state: 'running',
    payload: {},
    result: null,
    tags: [],
    attempts: 1,
    max_attempts: 3,
    progress: null,
    last_error: null,
    run_at: null,
    created_at: at,
    updated_at: at,
    started_at: at,
    finished_at: null,
    schedule_id: null,
    scheduled_for: null,
    lease: { id: `lse_${ulid()}`, expires_at: at },
    ...overrides,
  };
}

export const apiError = (status: number, code: string, headers: Record<string, string> = {}) => ({
  status,
  body: { error: { type: 'x', code, message: `${code} (stub)`, request_id: 'req_stub' } },
  headers,
});

/**
 * An in-memory worker API behind a `FlareClient` (no retries by default): a queue of jobs to
 * claim, long polls that wait (on the fake clock) until a job is pushed or `wait_ms` passes, and
 * a route per action to script other answers.
 */
export function stubFlare(clientOptions: { maxRetries?: number } = {}) {
  const queue: ClaimedJob[] = [];
  const requests: StubRequest[] = [];
  /** The item count of each batch `complete` request, in order. */
  const batches: number[] = [];
  const routes: Partial<Record<StubRequest['action'], Route>> = {};
  let wake: (() => void)[] = [];

  const defaultClaim = async (req: StubRequest): Promise<StubReply> => {
    if (queue.length === 0 && req.body.wait_ms > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(resolve, req.body.wait_ms);
        wake.push(done);
        // A disconnected long poll ends (and claims nothing: the queue is read after the wait).
        req.signal?.addEventListener('abort', done, { once: true });
      });
    }
    if (req.signal?.aborted) return { status: 200, body: { jobs: [] } };
    return { status: 200, body: { jobs: queue.splice(0, req.body.limit) } };
  };

  const answer = async (req: StubRequest): Promise<StubReply> => {
    const scripted = await routes[req.action]?.(req);
    if (scripted) return scripted;
    if (req.action === 'claim') return defaultClaim(req);
    if (req.action === 'fail')
      return { status: 200, body: { state: req.body.retryable ? 'pending' : 'failed' } };
    return { status: 200, body: { id: req.jobId } };
  };

  /**
   * A batch `complete`: each item answered as its single call would be (the same routes), and a
   * 5xx or 429 of any item answering for the whole request, as the contract has it.
   */
  const batch = async (request: TransportRequest): Promise<StubReply> => {
    batches.push(JSON.parse(request.body!).jobs.length);
    const replies = await Promise.all(
      JSON.parse(request.body!).jobs.map(
        ({ id, idempotency_key, ...body }: { id: string; idempotency_key: string }) => {
          const req: StubRequest = {
            action: 'complete',
            jobId: id,
            body,
            headers: { ...request.headers, 'idempotency-key': idempotency_key },
            signal: request.signal,
            at: Date.now(),
            batched: true,
          };
          requests.push(req);
          return answer(req);
        },
      ),
    );
    const whole = replies.find((r) => r.status >= 500 || r.status === 429);
    if (whole) return whole;
    const results = replies.map((r) =>
      r.status < 300
        ? { status: 200, job: r.body }
        : { status: r.status, error: (r.body as { error: unknown }).error },
    );
    return { status: 200, body: { results } };
  };

  const transport = async (request: TransportRequest): Promise<TransportResponse> => {
    if (request.url.endsWith('/v1/jobs/complete')) return respond(request, batch(request));
    const match = /\/v1\/jobs\/(?:claim|([^/]+)\/(\w+))$/.exec(request.url)!;
    const req: StubRequest = {
      action: (match[2] ?? 'claim') as StubRequest['action'],
      jobId: match[1],
      body: JSON.parse(request.body ?? 'null'),
      headers: request.headers,
      signal: request.signal,
      at: Date.now(),
    };
    requests.push(req);
    return respond(request, answer(req));
  };

  /** The transport's answer to `request`: `reply`, or the request's abort, whichever first. */
  const respond = async (
    request: TransportRequest,
    replied: Promise<StubReply>,
  ): Promise<TransportResponse> => {
    let onAbort: () => void = () => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(request.signal?.reason);
      if (request.signal?.aborted) onAbort();
      request.signal?.addEventListener('abort', onAbort, { once: true });
    });
    const reply = await Promise.race([replied, aborted]).finally(() =>
      request.signal?.removeEventListener('abort', onAbort),
    );
    const text = JSON.stringify(reply.body ?? {});
    return {
      status: reply.status,
      headers: new Headers(reply.headers),
      text: async () => {
        reply.onBody?.();
        return text;
      },
    };
  };

  return {
    client: new FlareClient({
      apiKey: 'zf_test_sk_unit_secret',
      baseUrl: 'https://stub.flare',
      transport,
      maxRetries: clientOptions.maxRetries ?? 0,
      retryBaseDelayMs: 10,
    }),
    requests,
    batches,
    routes,
    /** Requests of one action. */
    of: (action: StubRequest['action']) => requests.filter((r) => r.action === action),
    /** Queues jobs for the next claims and wakes a waiting long poll. */
    push(...jobs: ClaimedJob[]) {
      queue.push(...jobs);
      const waiting = wake;
      wake = [];
      for (const w of waiting) w();
      return jobs;
    },
    queue,
  };
}
