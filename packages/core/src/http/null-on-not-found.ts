import { NotFoundError } from '../errors/api-errors.js';
import type { ApiResponse } from './api-response.js';

/**
 * A read whose 404 is an answer, not a failure (`getJob`, `getSchedule`): resolves with `data`
 * `null` and the 404's metadata, and rejects with any other error.
 */
export function nullOnNotFound<T>(
  response: Promise<ApiResponse<T>>,
): Promise<ApiResponse<T | null>> {
  return response.catch((error: unknown) => {
    if (!NotFoundError.isInstance(error)) throw error;
    return {
      data: null,
      requestId: error.requestId,
      status: 404,
      headers: error.headers ?? { get: () => null },
      attempts: error.attempts ?? 1,
      idempotencyKey: undefined,
      replayed: false,
    };
  });
}
