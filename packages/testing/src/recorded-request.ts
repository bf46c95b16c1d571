import type { FakeResponse } from './engine/types.js';

/**
 * A request the fake received, and its answer.
 * @example
 * ```ts
 * const posts = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/jobs');
 * expect(new Set(posts.map((r) => r.headers['idempotency-key'])).size).toBe(1);
 * ```
 */
export class RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** Query parameters; a repeated one is an array. */
  readonly query: Record<string, string | string[]>;
  /** Headers, lower-case names. */
  readonly headers: Record<string, string>;
  /** The raw body text (`''` when none). */
  readonly rawBody: string;
  /**
   * The answer sent (for a `reset` fault, the one that was lost, if the request was processed;
   * for a request whose client went away, the one it would have got: 499
   * `client_closed_request` for a long-polling claim, which claimed nothing).
   */
  readonly response: FakeResponse | undefined;
  /** The injected fault's kind, if one applied. */
  readonly fault: 'status' | 'reset' | 'truncate' | 'oversize' | 'delay' | undefined;

  constructor(init: Omit<RecordedRequest, 'body'>) {
    this.method = init.method;
    this.path = init.path;
    this.query = init.query;
    this.headers = init.headers;
    this.rawBody = init.rawBody;
    this.response = init.response;
    this.fault = init.fault;
  }

  /** The body parsed as JSON; `undefined` when empty, the raw text when it is not JSON. */
  get body(): unknown {
    if (this.rawBody === '') return undefined;
    try {
      return JSON.parse(this.rawBody);
    } catch {
      return this.rawBody;
    }
  }
}
