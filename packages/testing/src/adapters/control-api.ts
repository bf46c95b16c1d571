import type { Job, JobLastError } from '@flare/core';
import type { FakeClock } from '../clock.js';
import type { FailJobOptions, ProgressUpdate, ReleaseJobOptions } from '../drivers.js';
import type { FakeResponse } from '../engine/types.js';
import type { RecordedWebhook } from '../engine/webhooks/webhook-outbox.js';
import type { Fault, InjectedFault } from '../faults/fault.js';
import type { RecordedRequest } from '../recorded-request.js';
import type { ControlRoutes } from './http-server.js';

/**
 * What the control API drives: the fake's clock, faults, job drivers and records. `FakeFlare`
 * satisfies it (checked where it mounts the routes); the adapter names only this, so it never
 * imports the fake that mounts it.
 */
export interface ControlTarget {
  readonly clock: Pick<FakeClock, 'now' | 'advance'>;
  readonly jobs: readonly Job[];
  readonly webhooks: readonly RecordedWebhook[];
  readonly requests: readonly RecordedRequest[];
  reset(): void;
  inject(fault: Fault): InjectedFault;
  startJob(id: string): Job;
  completeJob(id: string, result?: unknown): Job;
  failJob(id: string, error?: Partial<JobLastError>, options?: FailJobOptions): Job;
  cancelJob(id: string): Job;
  retryJob(id: string): Job;
  redeliverWebhook(eventId: string): RecordedWebhook;
  releaseJob(id: string, options?: ReleaseJobOptions): Job;
  reportProgress(id: string, progress: ProgressUpdate): Job;
}

const json = (status: number, body: unknown): FakeResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body,
});

const num = (value: unknown) => (value === undefined ? undefined : Number(value));

/**
 * `/_fake/*`: the control API of the HTTP server and CLI, for test suites in any language. No
 * auth; outside `/v1`, so it never collides with the contract.
 *
 * | method, path | body | does |
 * |---|---|---|
 * | `POST /_fake/reset` | | `fake.reset()` |
 * | `GET /_fake/clock` | | `{ now }` |
 * | `POST /_fake/clock/advance` | `{ ms }` | `fake.clock.advance(ms)` |
 * | `POST /_fake/faults` | a `Fault` (`path` a string) | `fake.inject(fault)` |
 * | `POST /_fake/jobs/{id}/start\|complete\|fail\|release\|cancel\|retry` | `{ result }` / `{ error, retryable, retry_in_ms }` / `{ delay_ms }` | the drivers |
 * | `POST /_fake/webhooks/{event_id}/redeliver` | | `fake.redeliverWebhook(id)` |
 * | `GET /_fake/jobs`, `/_fake/webhooks`, `/_fake/requests` | | inspection |
 */
export function controlApi(fake: ControlTarget): ControlRoutes {
  return (method, url, text) => {
    let body: Record<string, unknown> = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      return json(400, { error: 'body must be JSON' });
    }
    const path = url.pathname.slice('/_fake'.length);
    const now = () => ({ now: new Date(fake.clock.now()).toISOString() });
    try {
      if (method === 'POST' && path === '/reset') {
        fake.reset();
        return json(200, {});
      }
      if (method === 'GET' && path === '/clock') return json(200, now());
      if (method === 'POST' && path === '/clock/advance') {
        fake.clock.advance(Number(body.ms));
        return json(200, now());
      }
      if (method === 'POST' && path === '/faults') {
        const { remaining } = fake.inject(body);
        return json(201, { remaining });
      }
      if (method === 'GET' && path === '/jobs') return json(200, { jobs: fake.jobs });
      if (method === 'GET' && path === '/webhooks') {
        const hooks = fake.webhooks.map(({ event, header, status }) => ({ event, header, status }));
        return json(200, { webhooks: hooks });
      }
      if (method === 'GET' && path === '/requests') {
        const requests = fake.requests.map((r) => ({
          method: r.method,
          path: r.path,
          query: r.query,
          headers: r.headers,
          body: r.body,
          status: r.response?.status ?? null,
        }));
        return json(200, { requests });
      }
      const hook = /^\/webhooks\/([^/]+)\/redeliver$/.exec(path);
      if (method === 'POST' && hook) {
        const { event, status } = fake.redeliverWebhook(decodeURIComponent(hook[1]!));
        return json(202, { id: event.id, status });
      }
      const m = /^\/jobs\/([^/]+)\/(start|complete|fail|release|cancel|retry|progress)$/.exec(path);
      if (method === 'POST' && m) {
        const id = decodeURIComponent(m[1]!);
        const error = body.error as { message?: string; type?: string } | undefined;
        if (m[2] === 'start') return json(200, fake.startJob(id));
        if (m[2] === 'complete') return json(200, fake.completeJob(id, body.result ?? null));
        if (m[2] === 'cancel') return json(200, fake.cancelJob(id));
        if (m[2] === 'retry') return json(200, fake.retryJob(id));
        if (m[2] === 'progress') return json(200, fake.reportProgress(id, body as never));
        if (m[2] === 'release')
          return json(200, fake.releaseJob(id, { delayMs: num(body.delay_ms) }));
        const retryInMs = num(body.retry_in_ms);
        return json(
          200,
          fake.failJob(id, error, { retryable: body.retryable === true, retryInMs }),
        );
      }
    } catch (error) {
      return json(400, { error: error instanceof Error ? error.message : String(error) });
    }
    return json(404, { error: `No control endpoint ${method} ${url.pathname}` });
  };
}
