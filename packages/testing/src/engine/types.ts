/**
 * A plain HTTP request as the fake's engine sees it, whatever front it came through (msw, the
 * `node:http` server, or a direct `fake.handle(...)` call).
 * @example
 * ```ts
 * const request: FakeRequest = {
 *   method: 'GET',
 *   path: '/v1/jobs',
 *   query: { state: 'failed', limit: '10' },
 *   headers: { authorization: 'Bearer zf_test_sk_fake' },
 * };
 * ```
 */
export interface FakeRequest {
  /** HTTP method, any case. */
  method: string;
  /** The URL path, without the query string, e.g. `/v1/jobs/job_01JD…/cancel`. */
  path: string;
  /** Query parameters; a repeated parameter is an array. */
  query?: URLSearchParams | Record<string, string | readonly string[] | undefined> | undefined;
  /** Request headers (any case); a repeated header is an array. */
  headers?: Record<string, string | readonly string[] | undefined> | undefined;
  /** The raw body text; `undefined` or `''` when there is none. */
  body?: string | undefined;
  /**
   * Aborts when the client goes away. A long-polling claim then stops waiting and claims
   * nothing; its answer is 499 `client_closed_request`, which no front writes (there is no one to
   * write it to) and `onExchange` does not see.
   */
  signal?: AbortSignal | undefined;
}

/**
 * The engine's answer: a status, headers (lower-case names) and a JSON body that the front
 * serialises.
 * @example
 * ```ts
 * const res: FakeResponse = await fake.handle(request);
 * if (res.status === 201) console.log((res.body as Job).id);
 * ```
 */
export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON value (every Flare response has a JSON body). */
  body: unknown;
}

/** A request normalised once at the door: lower-case headers, one value per query key list. */
export interface NormalRequest {
  method: string;
  path: string;
  query: Map<string, string[]>;
  headers: Map<string, string>;
  rawBody: string;
}
