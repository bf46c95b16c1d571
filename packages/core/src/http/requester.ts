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
  readonly #headers: Record<string, string>;

  constructor(config: ClientConfig) {
    this.#config = config;
    const client = `flare-typescript/${VERSION} ${runtimeTag()}`;
    this.#headers = {
      authorization: `Bearer ${config.apiKey}`,
      accept: 'application/json',
      'user-agent': client,
      'x-flare-client': client,
    };
  }

  async request<T>(req: ApiRequest, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const config = this.#config;
    const { signal, requestId } = options;
    const headers = { ...this.#headers };
    let body: string | undefined;
    let idempotencyKey: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] = 'application/json; charset=utf-8';
    }
    if (req.method === 'POST') {
      // Every try of this call carries the same key, so a retried write is never duplicated.
      idempotencyKey = headers['idempotency-key'] =
        options.idempotencyKey ?? generateIdempotencyKey();
    }
    if (requestId !== undefined) headers['x-request-id'] = requestId;
    const attempt: TransportRequest = {
      method: req.method,
      url: config.baseUrl + req.path + queryString(req.query),
      headers,
      body,
      signal,
      timeoutMs: options.timeoutMs ?? config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
    };

    for (let attempts = 1; ; attempts++) {
      if (signal?.aborted) throw signal.reason;
      headers['x-flare-retry-count'] = String(attempts - 1);
      let response: TransportResponse | undefined;
      let failure: FlareError;
      try {
        response = await config.transport(attempt);
        const { status, headers: got } = response;
        const text = await response.text();
        const requestId = got.get('x-request-id') ?? undefined;
        if (status < 200 || status > 299) {
          failure = errorFromResponse(status, text, got, { idempotencyKey, attempts });
        } else {
          try {
            const data = JSON.parse(text) as T;
            const replayed = got.get('idempotent-replayed') === 'true';
            return { data, requestId, status, headers: got, attempts, idempotencyKey, replayed };
          } catch (cause) {
            throw new FlareError(
              `Flare's ${status} response is not valid JSON${requestId ? ` (request ${requestId})` : ''}`,
              { status, requestId, idempotencyKey, attempts, cause },
            );
          }
        }
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        failure = withContext(error, response, attempts, idempotencyKey);
      }
      if (!failure.isRetryable || attempts > (options.maxRetries ?? config.maxRetries)) {
        throw failure;
      }
      const wait = retryDelay({
        attempt: attempts,
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

/**
 * Gives a transport failure the request's context: a timeout or an over-size body gets the
 * status, request id, idempotency key and attempts; a network error becomes `ConnectionError`.
 */
function withContext(
  error: unknown,
  response: TransportResponse | undefined,
  attempts: number,
  idempotencyKey: string | undefined,
): FlareError {
  const init = {
    status: response?.status,
    requestId: response?.headers.get('x-request-id') ?? undefined,
    idempotencyKey,
    attempts,
  };
  if (ResponseTooLargeError.isInstance(error) || TimeoutError.isInstance(error)) {
    return Object.assign(error, init);
  }
  if (FlareError.isInstance(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new ConnectionError(`Could not reach Flare: ${reason}`, { ...init, cause: error });
}

function queryString(query: ApiRequest['query']): string {
  let out = '';
  for (const key in query) {
    const value = query[key];
    if (value !== undefined) {
      out += `${out ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
    }
  }
  return out;
}
