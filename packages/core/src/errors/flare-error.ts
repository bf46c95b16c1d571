import type { HeaderReader } from '../retry/retry-delay.js';

const BRAND = Symbol.for('zeridion.flare.error');
/** The fields every error copies from its init, in `toJSON` order (`headers` is never serialised). */
const FIELDS = ['status', 'type', 'code', 'param', 'requestId', 'idempotencyKey', 'attempts'];

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
  declare readonly name: string;
  /** HTTP status of the response, when there was one. */
  declare readonly status: number | undefined;
  /** The wire `error.type`, e.g. `"invalid_request_error"`. */
  declare readonly type: string | undefined;
  /** The wire `error.code`, e.g. `"idempotency_key_reused"`. */
  declare readonly code: string | undefined;
  /** The request parameter at fault (`error.param`), e.g. `"job_type"`. */
  declare readonly param: string | undefined;
  /** The `X-Request-Id` of the failing response: quote it to support. */
  declare readonly requestId: string | undefined;
  /** The `Idempotency-Key` the request was sent with (POSTs always have one). */
  declare readonly idempotencyKey: string | undefined;
  /** How many attempts were made, retries included. */
  declare readonly attempts: number | undefined;
  /** Response headers, when there was a response. */
  declare readonly headers: HeaderReader | undefined;

  constructor(message: string, init: FlareErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    const self = this as unknown as Record<string, unknown>;
    // Own, enumerable data properties, like class fields: the name first, then each field.
    self.name = (new.target as typeof FlareError).brand;
    for (const key of FIELDS) self[key] = init[key as keyof FlareErrorInit];
    self.headers = init.headers;
    Object.defineProperty(this, BRAND, { value: this.kind() });
  }

  /** Whether the SDK's retry loop would try again after this error. */
  get isRetryable(): boolean {
    return false;
  }

  /** The brand chain, e.g. `['FlareError', 'ConnectionError', 'TimeoutError']`: every `brand` up the class chain. */
  protected kind(): readonly string[] {
    const chain: string[] = [];
    for (let c = this.constructor; c !== Error; c = Object.getPrototypeOf(c)) {
      if (Object.hasOwn(c, 'brand')) chain.unshift((c as typeof FlareError).brand);
    }
    return chain;
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
    const chain = (value as { [BRAND]?: unknown } | null)?.[BRAND];
    return Array.isArray(chain) && chain.includes((this as unknown as typeof FlareError).brand);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return (this as unknown as typeof FlareError).isInstance(value);
  }

  /** The name this class is recognised by across package copies. */
  static readonly brand: string = 'FlareError';

  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    for (const key of FIELDS) json[key] = this[key as keyof this];
    return json;
  }
}

/**
 * Makes a subclass of `parent` whose `name` and `brand` are `name`: one line per error class.
 * @example
 * ```ts
 * const ServerError = errorClass(FlareError, 'ServerError', true);
 * ```
 */
export function errorClass<P extends typeof FlareError>(
  parent: P,
  name: string,
  retryable?: boolean,
): P {
  // A computed key names the class itself (stack traces, util.inspect), minifier or not.
  const Class = { [name]: class extends (parent as typeof FlareError) {} }[name]!;
  (Class as { brand: string }).brand = name;
  if (retryable) Object.defineProperty(Class.prototype, 'isRetryable', { get: () => true });
  return Class as P;
}
