/**
 * A misbehaviour for the next matching requests. Pick one action — `status`, `reset`,
 * `truncate` or `oversize` — optionally with `delayMs`; or `delayMs` alone for a slow answer.
 * @example
 * ```ts
 * fake.inject({ method: 'POST', path: '/v1/jobs', status: 503 });               // one 503
 * fake.inject({ path: '/v1/jobs/*', status: 429, headers: { 'retry-after': '2' }, times: 2 });
 * fake.inject({ method: 'POST', path: '/v1/jobs', reset: true, afterProcessing: true }); // job created, answer lost
 * fake.inject({ method: 'GET', delayMs: 200 });                                    // a slow read
 * ```
 */
export interface Fault {
  /** Only requests with this method (any case). Default: any method. */
  method?: string | undefined;
  /** Only this path: exact, `*` matching one segment (`/v1/jobs/*\/cancel`), or a RegExp. Default: any. */
  path?: string | RegExp | undefined;
  /** How many matching requests it applies to. Default 1; `Infinity` for every one. */
  times?: number | undefined;
  /** Answer with this status. The body defaults to the contract's error body for it. */
  status?: number | undefined;
  /** With `status`: a JSON body to send instead (a string is sent verbatim, e.g. an HTML 502 page). */
  body?: unknown;
  /** With `status`: extra response headers. A 429 gets `retry-after: 1` unless given. */
  headers?: Record<string, string> | undefined;
  /** Destroy the connection without an answer (the client sees a network error). */
  reset?: boolean | undefined;
  /** Send the real answer's status and headers, then half its body, then close the connection. */
  truncate?: boolean | undefined;
  /** Pad the real answer with whitespace to this many bytes (`true`: 11 MiB, past the SDK's 10 MiB cap). */
  oversize?: number | boolean | undefined;
  /** Wait this long (real ms) before processing; a POST's idempotency key is held meanwhile. */
  delayMs?: number | undefined;
  /**
   * With `status` or `reset`: process the request first (its write happens, its idempotent answer
   * is stored), then lose the answer — the case idempotent retries exist for.
   */
  afterProcessing?: boolean | undefined;
}

/**
 * An injected fault: how often it has fired and how many requests it still applies to.
 * @example
 * ```ts
 * const outage = fake.inject({ status: 503, times: Infinity });
 * // …
 * outage.cancel();
 * expect(outage.hits).toBeGreaterThan(0);
 * ```
 */
export interface InjectedFault {
  readonly fault: Readonly<Fault>;
  /** Requests it has applied to so far. */
  readonly hits: number;
  /** Requests it will still apply to. */
  readonly remaining: number;
  /** Stops it applying. */
  cancel(): void;
}

/**
 * The bytes an `oversize: true` body is padded to: past the SDK's default 10 MiB cap.
 * @example
 * ```ts
 * fake.inject({ method: 'GET', oversize: DEFAULT_OVERSIZE_BYTES * 2 });
 * ```
 */
export const DEFAULT_OVERSIZE_BYTES = 11 * 1024 * 1024;

/** Throws a readable error for a fault that asks for no action, or for two at once. */
export function checkFault(fault: Fault): void {
  const actions = (['status', 'reset', 'truncate', 'oversize'] as const).filter(
    (k) => fault[k] !== undefined && fault[k] !== false,
  );
  if (actions.length > 1) {
    throw new TypeError(`A fault takes one action, got ${actions.join(' and ')}`);
  }
  if (actions.length === 0 && fault.delayMs === undefined) {
    throw new TypeError('A fault needs an action: status, reset, truncate, oversize or delayMs');
  }
  if (
    fault.status !== undefined &&
    (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599)
  ) {
    throw new TypeError(`fault.status must be an HTTP status code, got ${fault.status}`);
  }
  const times = fault.times ?? 1;
  if (!(times >= 1)) throw new TypeError(`fault.times must be ≥ 1, got ${times}`);
}

/** Whether the fault applies to a request. */
export function faultMatches(fault: Fault, method: string, path: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method.toUpperCase())
    return false;
  if (fault.path === undefined) return true;
  if (fault.path instanceof RegExp) return fault.path.test(path);
  if (!fault.path.includes('*')) return fault.path === path;
  const want = fault.path.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((seg, i) => seg === '*' || seg === got[i]);
}
