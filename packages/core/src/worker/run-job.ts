import { ValidationError } from '../errors/api-errors.js';
import type { RequestOptions } from '../http/request-options.js';
import type { ActiveJob } from './active-job.js';
import type { WorkerConfig } from './check-worker-options.js';
import { deliver, type Undelivered } from './deliver.js';
import { jobContext } from './job-context.js';
import type { LeaseKeeper } from './lease-keeper.js';
import { wireError } from './wire-error.js';
import { type LeaseLostReason, NonRetryableError, RetryLaterError } from './worker-errors.js';
import type { WorkerEmitter } from './worker-events.js';
import type { LogLevel } from './worker-log-line.js';

/** A handler's outcome; `final` fails the job whatever attempts remain. */
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown; final?: boolean };

/** What running one job needs from its worker. */
export interface RunJobHost {
  config: WorkerConfig;
  keeper: LeaseKeeper;
  /** `protocol.complete`, batched with other jobs' completions (see `AckBatcher`). */
  complete(id: string, body: string, options: RequestOptions): Promise<unknown>;
  events: Pick<WorkerEmitter, 'emit'>;
  now(): number;
  /** The handler returned or threw: its slot is free. */
  handlerDone(job: ActiveJob): void;
  /** A result delivery started: the shutdown path waits for it. */
  track(delivery: Promise<void>): void;
  lose(job: ActiveJob, reason: LeaseLostReason, error: unknown): void;
  log(level: LogLevel, message: string, details: Record<string, unknown>): void;
}

/**
 * Runs one claimed job: checks the payload of a defined type (`worker.handle`), calls its handler
 * with `ctx`, then stores the outcome (complete or fail)
 * unless the job stopped being ours meanwhile (lost lease, release on shutdown). Resolves when
 * the handler is done (the delivery of its outcome goes to `host.track`); never rejects.
 */
export async function runJob(active: ActiveJob, host: RunJobHost): Promise<void> {
  const { job } = active;
  const ctx = jobContext(active, host.config.workerId, (percent, message) =>
    host.events.emit('progress', { job, percent, message }),
  );
  const definition = host.config.definitions.get(job.job_type);
  let outcome: Outcome;
  try {
    const parsed = definition && (await definition.validate(job.payload));
    if (parsed && !parsed.ok) {
      // The stored payload will fail every attempt the same way: fail the job now, unseen by the
      // handler (`ValidationError`, its message naming the path, e.g. `payload.email`).
      outcome = { ok: false, error: parsed.error, final: true };
    } else if (active.phase !== 'running') {
      // Lost or released while an async schema ran: the handler must not start.
      outcome = { ok: true, value: undefined };
    } else {
      // The handler of a defined type gets what the schema parsed (defaults, transforms).
      if (parsed) ctx.job = { ...job, payload: parsed.value };
      host.events.emit('started', { job, attempt: job.attempts });
      outcome = { ok: true, value: await host.config.handlers[job.job_type]!(ctx.job, ctx) };
    }
  } catch (error) {
    outcome = { ok: false, error };
  }
  host.handlerDone(active);
  // Lost or released while it ran: the worker no longer speaks for this job.
  if (active.phase !== 'running') return;
  // No more heartbeats; the keeper still ends the delivery at the lease's deadline.
  active.phase = 'settling';
  host.track(settle(active, outcome, host));
}

/** Stores the handler's outcome; never rejects. */
async function settle(active: ActiveJob, outcome: Outcome, host: RunJobHost): Promise<void> {
  try {
    if (outcome.ok) await succeed(active, outcome.value, host);
    else await fail(active, outcome.error, host, outcome.final);
  } catch (error) {
    host.log('warn', `Flare job ${active.job.id}'s outcome could not be stored`, {
      jobId: active.job.id,
      error,
    });
  } finally {
    if (active.phase === 'settling') active.phase = 'done';
    host.keeper.delete(active);
  }
}

async function succeed(active: ActiveJob, value: unknown, host: RunJobHost): Promise<void> {
  let body: string;
  try {
    body = JSON.stringify({ lease_id: active.leaseId, result: value === undefined ? null : value });
  } catch (cause) {
    // A BigInt or a cycle: the handler's result can never be stored, so retrying cannot help.
    return fail(
      active,
      new NonRetryableError(`The handler's result is not JSON (${cause})`, { cause }),
      host,
    );
  }
  let sent: Awaited<ReturnType<typeof deliver>>;
  try {
    sent = await deliver(active, (o) => host.complete(active.job.id, body, o), host.now);
  } catch (error) {
    // Refused (e.g. 400 payload_too_large): the result is the problem, the job fails for good.
    if (!ValidationError.isInstance(error)) throw error;
    return fail(
      active,
      new NonRetryableError(`Flare refused the result: ${(error as Error).message}`, {
        cause: error,
      }),
      host,
    );
  }
  if ('lost' in sent) return undelivered(active, sent, host);
  host.events.emit('succeeded', {
    job: active.job,
    attempt: active.job.attempts,
    result: value === undefined ? null : value,
    durationMs: host.now() - active.startedAt,
  });
}

async function fail(
  active: ActiveJob,
  error: unknown,
  host: RunJobHost,
  final = NonRetryableError.isInstance(error),
): Promise<void> {
  const body = {
    lease_id: active.leaseId,
    error: wireError(error),
    retryable: !final,
    ...(RetryLaterError.isInstance(error) ? { retry_in_ms: error.delayMs } : {}),
  };
  const sent = await deliver(
    active,
    (o) => host.config.protocol.fail(active.job.id, body, o),
    host.now,
  );
  if ('lost' in sent) return undelivered(active, sent, host);
  host.events.emit('failed', {
    job: active.job,
    attempt: active.job.attempts,
    error,
    final: sent.value.state === 'failed',
    durationMs: host.now() - active.startedAt,
  });
}

function undelivered(active: ActiveJob, { lost, error }: Undelivered, host: RunJobHost): void {
  // The keeper or the server already ended it (and reported it) when the phase moved on.
  if (active.phase === 'settling') host.lose(active, lost, error);
}
