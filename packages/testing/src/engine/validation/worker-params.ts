import type { JobLastError } from '@flare/core';
import * as check from './check.js';

const LEASE_ID = /^lse_[0-9A-HJKMNP-TV-Z]{26}$/;
/** The longest `delay_ms` (release) and `retry_in_ms` (fail): one day. */
export const MAX_WORKER_DELAY_MS = 86_400_000;

/** A validated `claimJobs` body with defaults applied. */
export interface ClaimInput {
  queues: string[];
  jobTypes: Set<string> | undefined;
  limit: number;
  leaseSeconds: number;
  waitMs: number;
  /** The claimant's `worker_id`, or `null` when it gave none. */
  workerId: string | null;
}

export function claimInput(body: check.Fields): ClaimInput {
  check.onlyKeys(body, ['queues', 'job_types', 'limit', 'lease_seconds', 'wait_ms', 'worker_id']);
  const queues = check.list(check.required(body, 'queues'), 'queues', 1, 100, check.name);
  const jobTypes =
    body.job_types === undefined
      ? undefined
      : new Set(check.list(body.job_types, 'job_types', 1, 100, check.name));
  if (body.worker_id !== undefined) check.text(body.worker_id, 'worker_id', 1, 128, true);
  return {
    queues,
    jobTypes,
    limit: body.limit === undefined ? 1 : check.int(body.limit, 'limit', 1, 100),
    leaseSeconds:
      body.lease_seconds === undefined
        ? 60
        : check.int(body.lease_seconds, 'lease_seconds', 5, 3600),
    waitMs: body.wait_ms === undefined ? 0 : check.int(body.wait_ms, 'wait_ms', 0, 20_000),
    workerId: typeof body.worker_id === 'string' ? body.worker_id : null,
  };
}

/** A well-formed lease id (a malformed one is a 400; a stale one is a 409 later). */
export function leaseId(body: check.Fields): string {
  const value = check.required(body, 'lease_id');
  check.notNull(value, 'lease_id');
  if (typeof value !== 'string' || !LEASE_ID.test(value)) {
    throw check.invalid('lease_id', 'must be a lease id such as lse_01JDQ3Z8K4M6W2T9R5X7Y1B3C5');
  }
  return value;
}

/** A validated heartbeat body. */
export function heartbeatInput(body: check.Fields): {
  leaseId: string;
  progress: { percent: number; message?: string } | undefined;
} {
  check.onlyKeys(body, ['lease_id', 'progress']);
  const id = leaseId(body);
  if (body.progress === undefined) return { leaseId: id, progress: undefined };
  const p = check.object(body.progress, 'progress');
  check.onlyKeys(p, ['percent', 'message'], 'progress.');
  const percent = check.required(p, 'percent', 'progress.');
  check.notNull(percent, 'progress.percent');
  if (typeof percent !== 'number' || !(percent >= 0 && percent <= 100)) {
    throw check.invalid('progress.percent', 'must be a number from 0 to 100');
  }
  const progress: { percent: number; message?: string } = { percent };
  if (p.message !== undefined)
    progress.message = check.text(p.message, 'progress.message', 0, 1024);
  return { leaseId: id, progress };
}

/** A validated complete body: the result defaults to `null`. */
export function completeInput(body: check.Fields): { leaseId: string; result: unknown } {
  check.onlyKeys(body, ['lease_id', 'result']);
  const id = leaseId(body);
  return {
    leaseId: id,
    result: body.result === undefined ? null : check.sized(body.result, 'result'),
  };
}

/** A validated fail body: `retryable` defaults to true; `retryInMs` only with it. */
export function failInput(body: check.Fields): {
  leaseId: string;
  error: JobLastError;
  retryable: boolean;
  retryInMs: number | undefined;
} {
  check.onlyKeys(body, ['lease_id', 'error', 'retryable', 'retry_in_ms']);
  const id = leaseId(body);
  const e = check.object(check.required(body, 'error'), 'error');
  check.onlyKeys(e, ['message', 'type'], 'error.');
  const message = check.text(check.required(e, 'message', 'error.'), 'error.message', 1, 4096);
  const type = e.type === undefined ? null : check.text(e.type, 'error.type', 1, 128);
  const retryable = body.retryable === undefined ? true : check.bool(body.retryable, 'retryable');
  let retryInMs: number | undefined;
  if (body.retry_in_ms !== undefined) {
    retryInMs = check.int(body.retry_in_ms, 'retry_in_ms', 0, MAX_WORKER_DELAY_MS);
    // A wait before a next attempt that will never come is a caller's mistake, not a no-op.
    if (!retryable) {
      throw check.invalid('retry_in_ms', 'is only allowed with retryable true (or left out)');
    }
  }
  return { leaseId: id, error: { message, type }, retryable, retryInMs };
}

/** A validated release body: no `delay_ms` means back to `pending` at once. */
export function releaseInput(body: check.Fields): { leaseId: string; delayMs: number } {
  check.onlyKeys(body, ['lease_id', 'delay_ms']);
  const id = leaseId(body);
  const delayMs =
    body.delay_ms === undefined ? 0 : check.int(body.delay_ms, 'delay_ms', 0, MAX_WORKER_DELAY_MS);
  return { leaseId: id, delayMs };
}
