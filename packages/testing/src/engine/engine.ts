import type { Job, WebhookEventType } from '@flare/core';
import type { FakeClock } from '../clock.js';
import type { FakeChange } from '../internal/change-feed.js';
import { UlidGenerator } from '../internal/ulid.js';
import { ApiFailure } from './api-failure.js';
import { authenticate, claimedKey } from './auth.js';
import type { EngineContext } from './context.js';
import { createContext } from './create-context.js';
import { Quota } from './quota.js';
import { RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { callerRequestId, idempotencyKey, normalise, readBody } from './read-request.js';
import { matchRoute } from './router.js';
import { runDue } from './run-due.js';
import type { FakeRequest, FakeResponse } from './types.js';

/** What the engine needs from the `FakeFlare` that owns it. */
export interface EngineOptions {
  apiKeys: readonly string[];
  clock: FakeClock;
  rateLimit?: RateLimitOptions | undefined;
  jobsPerDay?: number | undefined;
  backoffMs?: ((attempts: number) => number) | undefined;
  onEvent?: ((type: WebhookEventType, job: Job, atMs: number) => void) | undefined;
  /** The change feed: every job history entry and schedule change is reported here. */
  onChange?: ((change: FakeChange) => void) | undefined;
}

/** Per-request hooks the fronts use for fault injection. */
export interface HandleHooks {
  /** Awaited after the idempotency key is reserved and before the operation runs (a delay). */
  hold?: (() => Promise<void>) | undefined;
}

/** The default server backoff: 10 s doubling per failed attempt, capped at one hour. */
export const defaultBackoffMs = (attempts: number): number =>
  Math.min(3_600_000, 10_000 * 2 ** Math.max(0, attempts - 1));

/**
 * The framework-free core of the fake: a function from a plain request to a plain response,
 * with every store behind it. Auth, rate limits, body parsing and idempotency happen here, once,
 * for every operation.
 */
export class Engine {
  readonly ctx: EngineContext;
  readonly #keys: Set<string>;
  readonly #ulid = new UlidGenerator();
  readonly #rate: RateLimiter;
  readonly #quota: Quota;
  #ticking = false;

  constructor(options: EngineOptions) {
    this.#keys = new Set(options.apiKeys);
    this.#rate = new RateLimiter(options.rateLimit);
    this.#quota = new Quota(options.jobsPerDay);
    this.ctx = createContext({
      clock: options.clock,
      ids: this.#ulid,
      backoffMs: options.backoffMs ?? defaultBackoffMs,
      chargeJob: () => this.#quota.take(options.clock.now()),
      onEvent: options.onEvent,
      onChange: options.onChange,
      tick: () => this.tick(),
    });
  }

  /** Answers one request. Never throws: every failure is a contract error response. */
  async handle(request: FakeRequest, hooks: HandleHooks = {}): Promise<FakeResponse> {
    const req = normalise(request);
    this.tick();
    const now = this.ctx.now();
    const requestId = callerRequestId(req.headers.get('x-request-id')) ?? this.ctx.id('');
    const auth = req.headers.get('authorization');
    let rate: Record<string, string> = {};
    try {
      rate = this.#rate.take(claimedKey(auth, this.#keys) ?? 'client', now);
      const match = matchRoute(req.method, req.path);
      if (!match) {
        throw new ApiFailure(404, 'resource_missing', `No endpoint ${req.method} ${req.path}`);
      }
      const apiKey = authenticate(auth, this.#keys);
      const body = readBody(req, match.route.bodyRequired, match.route.maxBodyChars);
      const key = req.method === 'POST' ? req.headers.get('idempotency-key') : undefined;
      const scope =
        key === undefined
          ? undefined
          : `${apiKey}\n${req.method}\n${req.path}\n${idempotencyKey(key)}`;
      if (scope !== undefined) {
        const outcome = this.ctx.idempotency.begin(
          scope,
          body,
          now,
          body === undefined ? undefined : req.rawBody,
        );
        if (outcome.replay) {
          return reply(outcome.status, outcome.body, requestId, {
            ...rate,
            'idempotent-replayed': 'true',
          });
        }
      }
      let status = 500;
      let result: unknown;
      let replay: (() => unknown) | undefined;
      try {
        await hooks.hold?.();
        ({
          status,
          body: result,
          replay,
        } = await match.route.operation(this.ctx, {
          id: match.id,
          query: req.query,
          body,
          bodyChars: body === undefined ? 0 : req.rawBody.length,
          apiKey,
          requestId,
          signal: request.signal,
        }));
        return reply(status, result, requestId, rate);
      } catch (error) {
        if (error instanceof ApiFailure) status = error.status;
        throw error;
      } finally {
        if (scope !== undefined) this.ctx.idempotency.finish(scope, status, result, replay);
      }
    } catch (error) {
      const failure =
        error instanceof ApiFailure
          ? error
          : new ApiFailure(500, 'internal_error', `The fake failed: ${(error as Error)?.message}`);
      return reply(failure.status, failure.body(requestId), requestId, {
        ...rate,
        ...failure.headers,
      });
    }
  }

  /**
   * An arbitrary response dressed like the engine's own (request id, rate-limit headers): used
   * for injected faults.
   */
  dress(
    request: FakeRequest,
    status: number,
    body: (requestId: string) => unknown,
    headers: Record<string, string>,
  ): FakeResponse {
    const req = normalise(request);
    const requestId = callerRequestId(req.headers.get('x-request-id')) ?? this.ctx.id('');
    const subject = claimedKey(req.headers.get('authorization'), this.#keys) ?? 'client';
    const rate = this.#rate.peek(subject, this.ctx.now());
    return reply(status, body(requestId), requestId, { ...rate, ...headers });
  }

  /** Runs everything the clock has made due, in time order. */
  tick(): void {
    if (this.#ticking) return;
    this.#ticking = true;
    try {
      runDue(this.ctx);
      this.ctx.idempotency.sweep(this.ctx.now());
    } finally {
      this.#ticking = false;
    }
  }

  /** Forgets every job, schedule, idempotency key and counter. */
  reset(): void {
    this.ctx.jobs.clear();
    this.ctx.schedules.clear();
    this.ctx.timeline.clear();
    this.ctx.claimants.clear();
    this.ctx.idempotency.clear();
    this.#rate.clear();
    this.#quota.clear();
    this.#ulid.reset();
  }
}

function reply(
  status: number,
  body: unknown,
  requestId: string,
  headers: Record<string, string>,
): FakeResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-request-id': requestId,
      ...headers,
    },
    body,
  };
}
