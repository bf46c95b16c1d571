// Wire-level fixtures shared by the core, node and edge suites: a complete job as the API sends it,
// an msw error response, and the error a rejected promise carries.
import { HttpResponse } from 'msw';

let seq = 0;
/** A complete wire job for responses. */
export function job(overrides: Record<string, unknown> = {}) {
  seq++;
  const now = new Date(Date.UTC(2026, 0, 1)).toISOString();
  return {
    id: `job_01JD${String(seq).padStart(22, '0')}`,
    object: 'job',
    job_type: 'SendWelcomeEmail',
    queue: 'default',
    state: 'pending',
    payload: {},
    result: null,
    tags: [],
    attempts: 0,
    max_attempts: 3,
    progress: null,
    last_error: null,
    run_at: null,
    created_at: now,
    updated_at: now,
    started_at: null,
    finished_at: null,
    schedule_id: null,
    scheduled_for: null,
    ...overrides,
  };
}

/** An msw JSON error response in the API's error envelope, with an `x-request-id` header. */
export function apiError(
  status: number,
  type: string,
  code: string,
  headers: Record<string, string> = {},
) {
  return HttpResponse.json(
    { error: { type, code, message: `${code} (test)`, request_id: 'req_from_body' } },
    { status, headers: { 'x-request-id': 'req_from_header', ...headers } },
  );
}

/** A caught error with every property readable in assertions. */
// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary error fields
export type AnyError = Error & Record<string, any>;

/** Resolves to the error `p` rejects with; fails the test if `p` resolves. */
export async function rejection(p: PromiseLike<unknown>): Promise<AnyError> {
  try {
    await p;
  } catch (error) {
    return error as AnyError;
  }
  throw new Error('expected the call to reject, but it resolved');
}
