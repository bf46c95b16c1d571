import type { RequestOptions } from '../client/options.js';
import type { ClientConfig } from '../client/resolve-config.js';
import { ConnectionError, TimeoutError } from '../errors/connection-errors.js';
import { errorFromResponse } from '../errors/error-from-response.js';
import { FlareError } from '../errors/flare-error.js';
import { ResponseTooLargeError } from '../errors/response-too-large-error.js';
import { generateIdempotencyKey } from '../internal/ids.js';
import { runtimeTag } from '../internal/runtime.js';
import { VERSION } from '../internal/version.js';
import { type HeaderReader, retryDelay } from '../retry/retry-delay.js';
import { sleep } from '../retry/sleep.js';
import type { TransportRequest, TransportResponse } from './transport.js';

/** One API call, before headers and retries. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path under the base URL, e.g. `/v1/jobs`; ids already encoded. */
  path: string;
  /** Query parameters; `undefined` values are left out. */
  query?: Record<string, string | number | boolean | undefined> | undefined;
  /** Body object; serialised once, sent identically on every try. */
  body?: unknown;
}

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

/** Sends API calls: headers, serialisation, the retry loop and response decoding. */
export class Requester {
  readonly #config: ClientConfig;
  readonly #baseHeaders: Record<string, string>;

  constructor(config: ClientConfig) {
    this.#config = config;
    const client = `flare-typescript/${VERSION} ${runtimeTag()}`;
    this.#baseHeaders = {
      authorization: `Bearer ${config.apiKey}`,
      accept: 'application/json',
      'user-agent': client,
      'x-flare-client': client,
    };
  }

  async request<T>(req: ApiRequest, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const config = this.#config;
    const { signal } = options;
    const maxRetries = options.maxRetries ?? config.maxRetries;
    const headers: Record<string, string> = { ...this.#baseHeaders };
    let body: string | undefined;
    let idempotencyKey: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] = 'application/json; charset=utf-8';
    }
    if (req.method === 'POST') {
      // Every try of this call carries the same key, so a retried write is never duplicated.
      idempotencyKey = options.idempotencyKey ?? generateIdempotencyKey();
      headers['idempotency-key'] = idempotencyKey;
    }
    if (options.requestId !== undefined) headers['x-request-id'] = options.requestId;
    const attempt: TransportRequest = {
      method: req.method,
      url: config.baseUrl + req.path + queryString(req.query),
      headers,
      body,
      signal,
      timeoutMs: options.timeoutMs ?? config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
    };

    for (let tries = 1; ; tries++) {
      if (signal?.aborted) throw signal.reason;
      headers['x-flare-retry-count'] = String(tries - 1);
      let response: TransportResponse | undefined;
      let failure: FlareError;
      try {
        response = await config.transport(attempt);
        const text = await response.text();
        if (response.status >= 200 && response.status < 300) {
          return decodeSuccess<T>(response, text, tries, idempotencyKey);
        }
        failure = errorFromResponse(response.status, text, response.headers, {
          idempotencyKey,
          attempts: tries,
        });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        failure = asFlareError(error, response, tries, idempotencyKey);
      }
      if (!failure.isRetryable || tries > maxRetries) throw failure;
      const wait = retryDelay({
        attempt: tries,
        headers: response?.headers,
        baseDelayMs: config.retryBaseDelayMs,
        maxDelayMs: config.retryMaxDelayMs,
        random: Math.random,
        now: Date.now,
      });
      await sleep(wait, signal);
    }
  }
}

function decodeSuccess<T>(
  response: TransportResponse,
  text: string,
  attempts: number,
  idempotencyKey: string | undefined,
): ApiResponse<T> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  let data: T;
  try {
    data = JSON.parse(text) as T;
  } catch (cause) {
    throw new FlareError(
      `Flare answered ${response.status} with a body that is not valid JSON` +
        (requestId ? ` (request ${requestId})` : ''),
      { status: response.status, requestId, idempotencyKey, attempts, cause },
    );
  }
  return {
    data,
    requestId,
    status: response.status,
    headers: response.headers,
    attempts,
    idempotencyKey,
    replayed: response.headers.get('idempotent-replayed') === 'true',
  };
}

/** Gives a transport failure the request's context; a network error becomes `ConnectionError`. */
function asFlareError(
  error: unknown,
  response: TransportResponse | undefined,
  attempts: number,
  idempotencyKey: string | undefined,
): FlareError {
  const requestId = response?.headers.get('x-request-id') ?? undefined;
  const init = { status: response?.status, requestId, idempotencyKey, attempts, cause: error };
  if (ResponseTooLargeError.isInstance(error)) {
    return new ResponseTooLargeError(error.maxResponseBytes, { ...init, cause: error.cause });
  }
  if (TimeoutError.isInstance(error)) {
    return new TimeoutError(error.message, { ...init, cause: error.cause });
  }
  if (FlareError.isInstance(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new ConnectionError(`Could not reach Flare: ${reason}`, init);
}

function queryString(query: ApiRequest['query']): string {
  if (!query) return '';
  let out = '';
  for (const key in query) {
    const value = query[key];
    if (value === undefined) continue;
    out += `${out ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
  }
  return out;
}
