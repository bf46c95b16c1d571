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

interface WireError {
  type?: unknown;
  code?: unknown;
  message?: unknown;
  param?: unknown;
  request_id?: unknown;
}

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
  const requestId = headers.get('x-request-id') ?? str(wire?.request_id);
  const init: FlareErrorInit = {
    status,
    type: str(wire?.type),
    code: str(wire?.code),
    param: str(wire?.param),
    requestId,
    idempotencyKey: context.idempotencyKey,
    attempts: context.attempts,
    headers,
  };
  const detail = str(wire?.message) ?? describeBody(bodyText);
  const message = `${status}${init.code ? ` ${init.code}` : ''}: ${detail}${requestId ? ` (request ${requestId})` : ''}`;
  switch (status) {
    case 400:
    case 422:
      return new ValidationError(message, init);
    case 401:
      return new AuthError(message, init);
    case 402:
      return new QuotaError(message, init);
    case 403:
      return new PermissionError(message, init);
    case 404:
      return new NotFoundError(message, init);
    case 409:
      return new ConflictError(message, init);
    case 429: {
      const waitMs = serverDelayMs(headers, context.now ?? Date.now);
      return new RateLimitError(message, {
        ...init,
        retryAfter: waitMs === undefined ? undefined : waitMs / 1000,
        limit: int(headers.get('x-ratelimit-limit')),
        remaining: int(headers.get('x-ratelimit-remaining')),
      });
    }
  }
  if (status === 408 || status >= 500) return new ServerError(message, init);
  return new FlareError(message, init);
}

function parseWireError(text: string): WireError | undefined {
  if (text.charCodeAt(0) !== 123 /* { */) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    const error = (parsed as { error?: unknown } | null)?.error;
    return typeof error === 'object' && error !== null ? (error as WireError) : undefined;
  } catch {
    return undefined;
  }
}

function describeBody(text: string): string {
  if (!text) return 'the response had no body';
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 120);
  return `unexpected non-JSON error body: ${JSON.stringify(snippet)}`;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function int(value: string | null): number | undefined {
  if (value === null) return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isNaN(n) ? undefined : n;
}
