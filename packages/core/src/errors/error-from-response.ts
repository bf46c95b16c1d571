import type { HeaderReader } from '../retry/retry-delay.js';
import { serverDelayMs } from '../retry/retry-delay.js';
import {
  AuthError,
  ConflictError,
  NotFoundError,
  PermissionError,
  QuotaError,
  ServerError,
  ValidationError,
} from './api-errors.js';
import { FlareError, type FlareErrorInit } from './flare-error.js';
import { RateLimitError } from './rate-limit-error.js';

/** Request facts the factory folds into the error. */
export interface ErrorContext {
  idempotencyKey?: string | undefined;
  attempts?: number | undefined;
  now?: () => number;
}

type WireError = Partial<Record<'type' | 'code' | 'message' | 'param' | 'request_id', unknown>>;

/** The class of each non-2xx status (429 is built apart: it reads the rate-limit headers). */
const BY_STATUS: Record<number, typeof FlareError> = {
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
 * HTML 502 still maps), the details follow the JSON error body when there is one, and the
 * `X-Request-Id` header wins over the body's `request_id`.
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
  const wire = parseWireError(bodyText);
  const requestId = headers.get('x-request-id') ?? str(wire.request_id);
  const code = str(wire.code);
  const init: FlareErrorInit = {
    status,
    type: str(wire.type),
    code,
    param: str(wire.param),
    requestId,
    idempotencyKey: context.idempotencyKey,
    attempts: context.attempts,
    headers,
  };
  const detail = str(wire.message) ?? describeBody(bodyText);
  const message = `${status}${code ? ` ${code}` : ''}: ${detail}${requestId ? ` (request ${requestId})` : ''}`;
  if (status === 429) {
    const waitMs = serverDelayMs(headers, context.now ?? Date.now);
    return new RateLimitError(message, {
      ...init,
      retryAfter: waitMs === undefined ? undefined : waitMs / 1000,
      limit: int(headers.get('x-ratelimit-limit')),
      remaining: int(headers.get('x-ratelimit-remaining')),
    });
  }
  return new (BY_STATUS[status] ?? (status >= 500 ? ServerError : FlareError))(message, init);
}

function parseWireError(text: string): WireError {
  try {
    const error = JSON.parse(text).error;
    if (typeof error === 'object' && error) return error;
  } catch {
    // Not JSON (a proxy's HTML page): the status alone decides.
  }
  return {};
}

function describeBody(text: string): string {
  return text
    ? `non-JSON body ${JSON.stringify(text.replace(/\s+/g, ' ').trim().slice(0, 120))}`
    : 'no body';
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function int(value: string | null): number | undefined {
  const n = Number.parseInt(value!, 10);
  return Number.isNaN(n) ? undefined : n;
}
