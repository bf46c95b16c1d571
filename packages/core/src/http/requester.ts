import { ConnectionError } from '../errors/connection-errors.js';
import { errorFromResponse } from '../errors/error-from-response.js';
import { FlareError } from '../errors/flare-error.js';
import { invalid } from '../errors/invalid.js';
import { generateIdempotencyKey } from '../internal/ids.js';
import { runtimeTag } from '../internal/runtime.js';
import { VERSION } from '../internal/version.js';
import { retryDelay } from '../retry/retry-delay.js';
import { sleep } from '../retry/sleep.js';
import type { FlareEvent, FlareHooks } from '../types/observability.js';
import type { ApiResponse, HttpMethod, Send } from './api-response.js';
import { customHeaders, headerValue } from './custom-headers.js';
import { checkNumbers, type RequestOptions } from './request-options.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

/** What a requester needs of the client's settled configuration. */
export interface RequesterConfig {
  apiKey: string;
  /** The API origin (and any path prefix), without a trailing slash. */
  baseUrl: string;
  maxRetries: number;
  /** `retryBaseDelayMs`, named as `retryDelay` takes it. */
  baseDelayMs: number;
  /** `retryMaxDelayMs`, named as `retryDelay` takes it. */
  maxDelayMs: number;
  maxResponseBytes: number;
  timeoutMs: number;
  transport: Transport;
  /** `defaultHeaders`, checked and with lower-case names (see custom-headers.ts). */
  headers?: Record<string, string> | undefined;
  /** The request lifecycle hooks, checked. */
  hooks?: FlareHooks | undefined;
}

/** A step of a call, named as its hook is (`Retry` → `onRetry`). */
type Step = 'Request' | 'Response' | 'Retry' | 'Error';

/** What a call's last argument may hold (`RequestOptions`). */
const CALL_OPTIONS = [
  'idempotencyKey',
  'requestId',
  'signal',
  'timeoutMs',
  'maxRetries',
  'headers',
];

/** Makes the `Send` of a client: headers, the retry loop and response decoding. */
export function requester(config: RequesterConfig): Send {
  const client = `flare-typescript/${VERSION} ${runtimeTag()}`;
  const authorization = `Bearer ${config.apiKey}`;
  return async <T>(
    method: HttpMethod,
    path: string,
    options: RequestOptions = {},
    body?: string,
    orNull?: boolean,
  ): Promise<ApiResponse<T>> => {
    const {
      signal,
      requestId: sentRequestId,
      maxRetries = config.maxRetries,
      timeoutMs = config.timeoutMs,
    } = options;
    // Overrides get the client options' rules (NaN would retry forever or never time out).
    checkNumbers({ maxRetries, timeoutMs }, invalid);
    // A plain-JavaScript typo (`idempotencykey`, `timeout`) would otherwise be ignored.
    for (const name in options) {
      if (!CALL_OPTIONS.includes(name)) {
        invalid(`Unknown option "${name}": use ${CALL_OPTIONS.join(', ')}`, name);
      }
    }
    if (signal != null && typeof signal.addEventListener !== 'function') {
      invalid('signal must be an AbortSignal', 'signal');
    }
    // A literal, not a spread of shared headers: once optimised, V8 (Node 20) built fresh maps
    // for the headers added to a spread copy on every call, about 3 µs a request.
    const headers: Record<string, string> = {
      authorization,
      'user-agent': client,
      'x-flare-client': client,
    };
    // A call's headers win over the client's; neither may set one of the SDK's own.
    Object.assign(headers, config.headers, customHeaders(options.headers, 'headers'));
    if (body) headers['content-type'] = 'application/json; charset=utf-8';
    if (sentRequestId) headers['x-request-id'] = headerValue(sentRequestId, 'requestId', 200);
    let idempotencyKey: string | undefined;
    if (method === 'POST') {
      // Every try of a POST carries the same key, so a retried write is never duplicated.
      idempotencyKey =
        options.idempotencyKey === undefined
          ? generateIdempotencyKey()
          : headerValue(options.idempotencyKey, 'idempotencyKey', 255);
      headers['idempotency-key'] = idempotencyKey;
    }
    const attempt: TransportRequest = {
      method,
      url: config.baseUrl + path,
      headers,
      body,
      signal,
      timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
    };

    let attempts = 0;
    let emit: ((step: Step, error?: unknown, retryInMs?: number) => void) | undefined;
    try {
      for (;;) {
        if (signal?.aborted) throw signal.reason;
        headers['x-flare-retry-count'] = String(attempts++);
        let response: TransportResponse | undefined;
        // The server's echo of X-Request-Id; until one arrives, the id the caller sent, if any.
        let requestId = sentRequestId;
        const sentAt = Date.now();
        // One step of this attempt for its hook, as a fresh object of fields: never a header or
        // the key. A hook is user code: one that throws is reported, never breaks the call.
        emit = (step, error, retryInMs) => {
          try {
            config.hooks?.[`on${step}`]?.({
              type: step.toLowerCase() as FlareEvent['type'],
              method,
              path,
              status: response?.status,
              requestId,
              idempotencyKey,
              attempt: attempts,
              durationMs: Date.now() - sentAt,
              retryInMs,
              error,
            });
          } catch (error) {
            console.error('flare: a hook threw', error);
          }
        };
        emit('Request');
        let failure: FlareError;
        try {
          response = await config.transport(attempt);
          const { status, headers: got } = response;
          requestId = got.get('x-request-id') ?? requestId;
          const text = await response.text();
          emit('Response');
          // A get method's missing resource is an answer (`orNull`): null, not an error.
          if ((status > 199 && status < 300) || (orNull && status === 404)) {
            try {
              return {
                data: status === 404 ? null : JSON.parse(text),
                requestId,
                status,
                headers: got,
                attempts,
                idempotencyKey,
                replayed: got.get('idempotent-replayed') === 'true',
              };
            } catch (cause) {
              throw new FlareError(
                `${status} response is not valid JSON${requestId ? ` (request ${requestId})` : ''}`,
                { cause },
              );
            }
          }
          failure = errorFromResponse(status, text, got, { idempotencyKey, attempts, requestId });
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          // A `FlareError` (a timeout, an over-size or unreadable body) gets the request's
          // context; anything else is a network error, before the response head or mid-body.
          const init = { status: response?.status, requestId, idempotencyKey, attempts };
          failure = FlareError.isInstance(error)
            ? Object.assign(error, init)
            : new ConnectionError(
                `${response ? 'Response cut short' : 'Could not reach Flare'}: ${(error as Error)?.message ?? error}`,
                { ...init, cause: error },
              );
        }
        if (!failure.isRetryable || attempts > maxRetries) throw failure;
        const retryInMs = retryDelay({
          // The backoff settings, by the names `retryDelay` reads (it ignores the rest).
          ...config,
          attempt: attempts,
          headers: response?.headers,
          random: Math.random,
          now: Date.now,
        });
        emit('Retry', failure, retryInMs);
        await sleep(retryInMs, signal);
      }
    } catch (error) {
      emit?.('Error', error);
      throw error;
    }
  };
}
