import { type CreateJobParams, DEFAULT_BASE_URL, type Job, type JobLastError } from '@flare/core';
import { controlApi } from './adapters/control-api.js';
import { type ListenOptions, listen, type RunningServer } from './adapters/http-server.js';
import { type MswHandler, mswHandlers } from './adapters/msw-handlers.js';
import { FakeClock } from './clock.js';
import { dashboardData } from './dashboard/dashboard-data.js';
import { dashboardRoutes, EVENTS_PATH, serveEvents } from './dashboard/dashboard-routes.js';
import { Dispatcher } from './dispatcher.js';
import * as drivers from './drivers.js';
import { Engine } from './engine/engine.js';
import type { Schedule } from './engine/schedules/schedule-store.js';
import type { FakeRequest, FakeResponse } from './engine/types.js';
import { type RecordedWebhook, WebhookOutbox } from './engine/webhooks/webhook-outbox.js';
import type { Fault, InjectedFault } from './faults/fault.js';
import { ChangeFeed } from './internal/change-feed.js';
import { DEFAULT_API_KEY, type FakeFlareOptions } from './options.js';
import type { RecordedRequest } from './recorded-request.js';

/**
 * A stateful, in-memory fake of the whole Flare API that follows `spec/openapi.yaml`: jobs,
 * workers (claims, leases, heartbeats), schedules, idempotency, auth, rate-limit headers and
 * signed webhooks — plus a clock, fault injection and drivers to steer it from a test.
 * Serve it through msw (`handlers()`), a real HTTP server (`listen()`), or the `flare-fake` CLI.
 *
 * @example
 * ```ts
 * import { FakeFlare } from '@flare/testing';
 * import { FlareClient } from '@flare/node';
 *
 * const fake = new FakeFlare();
 * const server = await fake.listen();
 * const flare = new FlareClient({ apiKey: 'zf_test_sk_fake', baseUrl: server.url });
 * const job = await flare.createJob({ job_type: 'SendWelcomeEmail', payload: { to: 'a@b.c' } });
 * fake.completeJob(job.id, { messageId: 'm_1' });
 * expect((await flare.getJob(job.id))?.state).toBe('succeeded');
 * await server.close();
 * ```
 */
export class FakeFlare {
  /** The fake's clock: `advance(ms)` moves scheduled jobs, leases, backoff and schedules along. */
  readonly clock: FakeClock;
  /** The API keys it accepts. */
  readonly apiKeys: readonly string[];
  readonly #engine: Engine;
  readonly #outbox: WebhookOutbox;
  readonly #dispatcher: Dispatcher;
  /** What the dashboard's live updates listen to. */
  readonly #feed = new ChangeFeed();

  constructor(options: FakeFlareOptions = {}) {
    this.apiKeys = options.apiKeys?.length ? [...options.apiKeys] : [DEFAULT_API_KEY];
    this.clock = new FakeClock(options.clock, () => {
      this.#engine.tick();
      this.#feed.emit({ kind: 'clock' });
    });
    const now = () => this.clock.now();
    this.#outbox = new WebhookOutbox(
      options.webhooks ?? {},
      now,
      () => this.#engine.ctx.id('evt_'),
      options.onWebhook,
      (id) => this.#feed.emit({ kind: 'webhook', id }),
    );
    this.#engine = new Engine({
      apiKeys: this.apiKeys,
      clock: this.clock,
      rateLimit: options.rateLimit,
      jobsPerDay: options.quota?.jobsPerDay,
      backoffMs: options.retryBackoffMs,
      onEvent: (type, job, at) => this.#outbox.emit(type, job, at),
      onChange: (change) => this.#feed.emit(change),
    });
    this.#dispatcher = new Dispatcher(this.#engine, options, () =>
      this.#feed.emit({ kind: 'request' }),
    );
  }

  /** The secret webhooks are signed with (pass it to `verifyWebhook`). */
  get webhookSecret(): string {
    return this.#outbox.secret;
  }

  /**
   * Answers one plain request, faults included (a `reset` fault rejects). The msw and HTTP fronts
   * are thin layers over this.
   * @example
   * ```ts
   * const res = await fake.handle({ method: 'GET', path: '/v1/jobs', headers: { authorization: 'Bearer zf_test_sk_fake' } });
   * expect(res.status).toBe(200);
   * ```
   */
  async handle(request: FakeRequest): Promise<FakeResponse> {
    const { response } = await this.#dispatcher.dispatch(request);
    if (!response)
      throw new Error(`Connection reset (injected fault) for ${request.method} ${request.path}`);
    return response;
  }

  /**
   * msw request handlers for `setupServer(...)` (msw is an optional peer dependency), serving the
   * API under `baseUrl` and letting webhook deliveries to a configured `url` pass through.
   * @example
   * ```ts
   * const server = setupServer(...fake.handlers());
   * server.listen({ onUnhandledRequest: 'error' });
   * const flare = new FlareClient({ apiKey: 'zf_test_sk_fake' }); // default base URL, intercepted
   * ```
   */
  handlers(baseUrl: string = DEFAULT_BASE_URL): MswHandler[] {
    return mswHandlers(this.#dispatcher, baseUrl, this.#dispatcher.webhookUrl);
  }

  /**
   * Serves the fake on a real `node:http` server (127.0.0.1 and a free port by default). Besides
   * the API under `/v1`, it serves a small control API under `/_fake/` (reset, clock, faults,
   * drivers, inspection) for test suites in other languages, and a live dashboard at
   * `/_fake/ui` (its address is printed on start unless `quiet`).
   * @example
   * ```ts
   * const { url, dashboardUrl, close } = await fake.listen({ port: 0, quiet: true });
   * // … new FlareClient({ baseUrl: url, apiKey: 'zf_test_sk_fake' }) …
   * await close();
   * ```
   */
  async listen(options: ListenOptions = {}): Promise<RunningServer> {
    const data = dashboardData({
      clock: this.clock,
      engine: this.#engine,
      outbox: this.#outbox,
      dispatcher: this.#dispatcher,
    });
    const ui = dashboardRoutes(data);
    const control = controlApi(this);
    const server = await listen(
      this.#dispatcher,
      options,
      (method, url, body) => ui(method, url, body) ?? control(method, url, body),
      (method, url, res) => {
        if (method !== 'GET' || url.pathname !== EVENTS_PATH) return false;
        serveEvents(this.#feed, res);
        return true;
      },
    );
    if (!options.quiet) console.log(`Dashboard: ${server.dashboardUrl}`);
    return server;
  }

  /**
   * Makes the next matching requests misbehave; see `Fault`.
   * @example
   * ```ts
   * fake.inject({ method: 'POST', path: '/v1/jobs', status: 503 });
   * fake.inject({ path: '/v1/jobs', status: 429, headers: { 'retry-after': '1' } });
   * ```
   */
  inject(fault: Fault): InjectedFault {
    const injected = this.#dispatcher.faults.inject(fault);
    this.#feed.emit({ kind: 'fault' });
    return injected;
  }

  /**
   * The requests received (oldest first), with their answers.
   * @example
   * ```ts
   * expect(fake.requests.at(-1)?.headers['x-flare-retry-count']).toBe('2');
   * ```
   */
  get requests(): readonly RecordedRequest[] {
    return this.#dispatcher.requests;
  }

  /**
   * Every job, newest first (copies).
   * @example
   * ```ts
   * expect(fake.jobs.filter((j) => j.job_type === 'SendReceipt')).toHaveLength(1);
   * ```
   */
  get jobs(): Job[] {
    this.#engine.tick();
    return [...this.#engine.ctx.jobs.all.descending()].map((r) => structuredClone(r.job));
  }

  /**
   * One job (a copy), or `undefined`.
   * @example
   * ```ts
   * expect(fake.getJob(id)?.state).toBe('scheduled');
   * ```
   */
  getJob(id: string): Job | undefined {
    this.#engine.tick();
    const record = this.#engine.ctx.jobs.byId.get(id);
    return record && structuredClone(record.job);
  }

  /**
   * Every schedule, newest first (copies).
   * @example
   * ```ts
   * expect(fake.schedules[0]?.paused).toBe(false);
   * ```
   */
  get schedules(): Schedule[] {
    this.#engine.tick();
    return [...this.#engine.ctx.schedules.all.descending()].map((r) => structuredClone(r.schedule));
  }

  /**
   * The webhook events emitted so far (oldest first), with their signed bodies and delivery state.
   * @example
   * ```ts
   * fake.failJob(id);
   * expect(fake.webhooks.map((w) => w.event.type)).toEqual(['job.failed']);
   * ```
   */
  get webhooks(): readonly RecordedWebhook[] {
    return this.#outbox.records;
  }

  /**
   * Resolves once every webhook delivery in flight has succeeded or given up.
   * @example
   * ```ts
   * fake.completeJob(id);
   * await fake.webhooksSettled();
   * expect(received).toHaveLength(1);
   * ```
   */
  webhooksSettled(): Promise<void> {
    return this.#outbox.settled();
  }

  /**
   * Driver: creates a job directly (no HTTP, auth, idempotency or quota), e.g. to seed data.
   * @example
   * ```ts
   * for (let i = 0; i < 50; i++) fake.createJob({ job_type: 'Resize', queue: 'images' });
   * ```
   */
  createJob(params: CreateJobParams): Job {
    this.#engine.tick();
    return structuredClone(drivers.createJob(this.#engine.ctx, params));
  }

  /**
   * Driver: moves a `pending` or `scheduled` job to `running`, as a worker's claim would.
   * @example
   * ```ts
   * fake.startJob(job.id); // state 'running', attempts 1
   * ```
   */
  startJob(id: string, options?: drivers.StartJobOptions): Job {
    this.#engine.tick();
    return structuredClone(drivers.startJob(this.#engine.ctx, id, options));
  }

  /**
   * Driver: completes a job with `result` (starting it first if no worker holds it); emits `job.succeeded`.
   * @example
   * ```ts
   * fake.completeJob(job.id, { receiptId: 'r_1' });
   * ```
   */
  completeJob(id: string, result?: unknown): Job {
    this.#engine.tick();
    return structuredClone(drivers.completeJob(this.#engine.ctx, id, result));
  }

  /**
   * Driver: fails a job now (emits `job.failed`), or with `{ retryable: true }` fails one attempt.
   * @example
   * ```ts
   * fake.failJob(job.id, { message: 'SMTP timeout', type: 'TimeoutError' });
   * ```
   */
  failJob(id: string, error?: Partial<JobLastError>, options?: drivers.FailJobOptions): Job {
    this.#engine.tick();
    return structuredClone(drivers.failJob(this.#engine.ctx, id, error, options));
  }

  /**
   * Driver: gives a `running` job back as its worker's release would (the attempt does not count).
   * @example
   * ```ts
   * fake.releaseJob(job.id); // pending again, attempts back down by one
   * ```
   */
  releaseJob(id: string, options?: drivers.ReleaseJobOptions): Job {
    this.#engine.tick();
    return structuredClone(drivers.releaseJob(this.#engine.ctx, id, options));
  }

  /**
   * Driver: starts a `failed` or `cancelled` job over, as `POST /v1/jobs/{id}/retry` would.
   * @example
   * ```ts
   * fake.failJob(job.id);
   * fake.retryJob(job.id); // pending again, attempts 0, last_error kept
   * ```
   */
  retryJob(id: string): Job {
    this.#engine.tick();
    return structuredClone(drivers.retryJob(this.#engine.ctx, id));
  }

  /**
   * Delivers a recorded webhook event again (freshly signed, with the usual retries). Needs a
   * webhook `url` or `endpoint`.
   * @example
   * ```ts
   * fake.redeliverWebhook(fake.webhooks[0]!.event.id);
   * await fake.webhooksSettled();
   * ```
   */
  redeliverWebhook(eventId: string): RecordedWebhook {
    return this.#outbox.redeliver(eventId);
  }

  /**
   * Driver: reports progress as its worker's heartbeat would (starting the job first if no
   * worker holds it), so `getJob` and `fake.jobs` show it.
   * @example
   * ```ts
   * fake.reportProgress(job.id, { percent: 50, message: 'half way' });
   * expect((await flare.getJob(job.id))?.progress?.percent).toBe(50);
   * ```
   */
  reportProgress(id: string, progress: drivers.ProgressUpdate): Job {
    this.#engine.tick();
    return structuredClone(drivers.reportProgress(this.#engine.ctx, id, progress));
  }

  /**
   * Driver: cancels a job that has not finished; emits `job.cancelled`.
   * @example
   * ```ts
   * fake.cancelJob(job.id);
   * ```
   */
  cancelJob(id: string): Job {
    this.#engine.tick();
    return structuredClone(drivers.cancelJob(this.#engine.ctx, id));
  }

  /**
   * Forgets everything — jobs, schedules, idempotency keys, counters, recorded requests and
   * webhooks, faults — and resets the clock. Running servers and handlers keep working.
   * @example
   * ```ts
   * afterEach(() => fake.reset());
   * ```
   */
  reset(): void {
    this.#engine.reset();
    this.#outbox.clear();
    this.#dispatcher.reset();
    this.clock.reset();
    this.#feed.emit({ kind: 'reset' });
  }
}
