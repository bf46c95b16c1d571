import { ignore } from '../internal/ignore.js';
import type { ApiResponse } from './api-response.js';

/**
 * What every client method returns: a native `Promise` of the plain wire object, which can also
 * hand you the response metadata — the `X-Request-Id` above all — through `.withResponse()`.
 * (A native promise with one extra method, not a `Promise` subclass: subclasses that override
 * `then` push every `await` in the process onto V8's slow path.)
 *
 * @example
 * ```ts
 * const job = await flare.getJob('job_123');
 * const { data, requestId } = await flare.createJob(params).withResponse();
 * ```
 */
export interface FlarePromise<T> extends Promise<T> {
  /**
   * Resolves to `{ data, requestId, status, headers, attempts, idempotencyKey, replayed }`.
   * @example
   * ```ts
   * const { data: job, requestId, replayed } = await flare.createJob(params).withResponse();
   * ```
   */
  withResponse(): Promise<ApiResponse<T>>;
}

const unwrap = <T>(response: ApiResponse<T>): T => response.data;

/**
 * Runs a call now as a `FlarePromise`: async, so a bad argument (a synchronous throw) rejects
 * rather than throws.
 */
export function flarePromise<T>(run: () => Promise<ApiResponse<T>>): FlarePromise<T> {
  const response = (async () => run())();
  const data = response.then(unwrap) as FlarePromise<T>;
  data.withResponse = () => {
    // The caller took the response path: the data promise goes unused, so it must not be
    // reported as an unhandled rejection on failure (the response promise carries the error).
    data.catch(ignore);
    return response;
  };
  return data;
}
