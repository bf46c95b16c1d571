import type { HeaderReader } from '../retry/retry-delay.js';

const BRAND = Symbol.for('zeridion.flare.error');

/** What the SDK knows about the request an error came from. Every field is optional. */
export interface FlareErrorInit {
  status?: number | undefined;
  type?: string | undefined;
  code?: string | undefined;
  param?: string | undefined;
  requestId?: string | undefined;
  idempotencyKey?: string | undefined;
  attempts?: number | undefined;
  headers?: HeaderReader | undefined;
  cause?: unknown;
}

/**
 * Base class of every error the Flare SDK throws.
 *
 * Recognise errors with `FlareError.isInstance(err)` (or the subclass's own `isInstance`),
 * which works even when two copies of the SDK are loaded; `instanceof` works too.
 *
 * @example
 * ```ts
 * try {
 *   await flare.createJob({ job_type: 'SendEmail', payload: {} });
 * } catch (err) {
 *   if (FlareError.isInstance(err)) console.error(err.name, err.requestId, err.message);
 * }
 * ```
 */
export class FlareError extends Error {
  /** Stable error name, e.g. `"RateLimitError"`; never minified. */
  override readonly name: string = 'FlareError';
  /** HTTP status of the response, when there was one. */
  readonly status: number | undefined;
  /** The wire `error.type`, e.g. `"invalid_request_error"`. */
  readonly type: string | undefined;
  /** The wire `error.code`, e.g. `"idempotency_key_reused"`. */
  readonly code: string | undefined;
  /** The request parameter at fault (`error.param`), e.g. `"job_type"`. */
  readonly param: string | undefined;
  /** The `X-Request-Id` of the failing response: quote it to support. */
  readonly requestId: string | undefined;
  /** The `Idempotency-Key` the request was sent with (POSTs always have one). */
  readonly idempotencyKey: string | undefined;
  /** How many attempts were made, retries included. */
  readonly attempts: number | undefined;
  /** Response headers, when there was a response. */
  readonly headers: HeaderReader | undefined;

  constructor(message: string, init: FlareErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.type = init.type;
    this.code = init.code;
    this.param = init.param;
    this.requestId = init.requestId;
    this.idempotencyKey = init.idempotencyKey;
    this.attempts = init.attempts;
    this.headers = init.headers;
    Object.defineProperty(this, BRAND, { value: this.kind() });
  }

  /** Whether the SDK's retry loop would try again after this error. */
  get isRetryable(): boolean {
    return false;
  }

  /** The brand chain; subclasses extend it so `isInstance` understands the hierarchy. */
  protected kind(): readonly string[] {
    return ['FlareError'];
  }

  /**
   * `true` when `value` is an error of this class (or a subclass), from any copy of the SDK.
   * @example
   * ```ts
   * if (RateLimitError.isInstance(err)) await sleep(err.retryAfter * 1000);
   * ```
   */
  static isInstance<T extends abstract new (...args: never[]) => FlareError>(
    this: T,
    value: unknown,
  ): value is InstanceType<T> {
    if (typeof value !== 'object' || value === null) return false;
    const chain = (value as Record<symbol, unknown>)[BRAND];
    const want = (this as unknown as { brand: string }).brand;
    return Array.isArray(chain) && chain.includes(want);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return (this as unknown as typeof FlareError).isInstance(value);
  }

  /** The name this class is recognised by across package copies. */
  static readonly brand: string = 'FlareError';

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      type: this.type,
      code: this.code,
      param: this.param,
      requestId: this.requestId,
      idempotencyKey: this.idempotencyKey,
      attempts: this.attempts,
    };
  }
}
