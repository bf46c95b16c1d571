import { serverDelayMs } from '../retry/retry-delay.js';
import type { HeaderReader } from '../types/header-reader.js';
import {
  AuthError,
  ConflictError,
  NotFoundError,
  PermissionError,
  QuotaError,
  ServerError,
  ValidationError,
} from './api-errors.js';
import { FlareError, type FlareErrorClass } from './flare-error.js';
import { RateLimitError } from './rate-limit-error.js';

/** Request facts the factory folds into the error. */
export interface ErrorContext {
  idempotencyKey?: string | undefined;
  attempts?: number | undefined;
  /** The `X-Request-Id` the caller sent: the request's id when the response names none. */
  requestId?: string | undefined;
}

/** The class of each non-2xx status (429 is built apart: it reads the rate-limit headers). */
const BY_STATUS: Record<number, FlareErrorClass<FlareError>> = {
  400: ValidationError,
  422: ValidationError,
  401: AuthError,
  402: QuotaError,
  403: PermissionError,
  404: NotFoundError,
  409: ConflictError,
  408: ServerError,
};

/**
 * Builds the typed error for a non-2xx response. The class follows the status (so a proxy's
 * HTML 502 still maps), and the details follow the JSON error body when there is one. The
 * `X-Request-Id` header wins over the body's `request_id`, which wins over the id the caller
 * sent. The message is the server's: its `unknown_parameter` message carries the camelCase hint
 * (`did you mean "job_type"?`, spec), so every SDK shows it and this bundle does not carry it.
 *
 * @example
 * ```ts
 * throw errorFromResponse(429, '{"error":{...}}', response.headers, { attempts: 4 });
 * ```
 */
export function errorFromResponse(
  status: number,
  bodyText: string,
  headers: HeaderReader,
  context: ErrorContext = {},
): FlareError {
  let wire: Record<string, unknown> = {};
  try {
    wire = JSON.parse(bodyText).error || {};
  } catch {
    // Not JSON (a proxy's HTML page): the status alone decides.
  }
  const str = (key: string) => {
    const value = wire[key];
    return (typeof value === 'string' && value) || undefined;
  };
  const int = (name: string) => {
    const n = parseInt(headers.get(name)!, 10);
    return Number.isNaN(n) ? undefined : n;
  };
  const requestId = headers.get('x-request-id') ?? str('request_id') ?? context.requestId;
  // A redirect's body (a proxy's) says nothing about the request: its code is the SDK's own.
  const code = status < 400 ? 'redirect_not_followed' : str('code');
  const init = {
    ...context,
    status,
    type: str('type'),
    code,
    param: str('param'),
    requestId,
    headers,
  };
  // A redirect (0: a browser's opaque one) is never followed: a POST would come back as a GET.
  const detail =
    status < 400
      ? `to ${headers.get('location')?.slice(0, 120) ?? '?'}: set baseUrl to the API's own URL`
      : (str('message') ??
        (bodyText ? `non-JSON body ${JSON.stringify(bodyText.slice(0, 120))}` : 'no body'));
  const message = `${status}${code ? ` ${code}` : ''}: ${detail}${requestId ? ` (request ${requestId})` : ''}`;
  if (status === 429) {
    const waitMs = serverDelayMs(headers, Date.now);
    return new RateLimitError(message, {
      ...init,
      // 0 stays 0, unknown stays undefined.
      retryAfter: waitMs && waitMs / 1000,
      limit: int('x-ratelimit-limit'),
      remaining: int('x-ratelimit-remaining'),
    });
  }
  return new (BY_STATUS[status] ?? (status >= 500 ? ServerError : FlareError))(message, init);
}
