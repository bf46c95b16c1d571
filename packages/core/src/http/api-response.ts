import type { HeaderReader } from '../types/header-reader.js';
import type { RequestOptions } from './request-options.js';

/**
 * A successful call with its metadata.
 * @example
 * ```ts
 * const { data, requestId } = await flare.createJob(params).withResponse();
 * ```
 */
export interface ApiResponse<T> {
  data: T;
  /** The response's `X-Request-Id`. */
  requestId: string | undefined;
  status: number;
  headers: HeaderReader;
  /** Attempts made, the successful one included. */
  attempts: number;
  /** The `Idempotency-Key` sent (POSTs only). */
  idempotencyKey: string | undefined;
  /** `true` when the server replayed a stored response (`Idempotent-Replayed`). */
  replayed: boolean;
}

/** The methods the contract uses. */
export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/**
 * Sends one API call: `path` under the base URL (ids encoded, query included) and the JSON
 * `body`, serialised once and sent identically on every try. With `orNull` (the get methods), a
 * 404 resolves with `data: null` instead of rejecting with a `NotFoundError`.
 */
export type Send = <T>(
  method: HttpMethod,
  path: string,
  options?: RequestOptions,
  body?: string,
  orNull?: boolean,
) => Promise<ApiResponse<T>>;
