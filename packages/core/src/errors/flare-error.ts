import type { HeaderReader } from '../types/header-reader.js';

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
 * Whether a class along `value`'s prototype chain has `brand`, whichever copy of the SDK made it:
 * a class of another copy (a second install, the CJS and ESM builds side by side) carries the
 * same brands.
 */
const hasBrand = (value: unknown, brand: string): boolean => {
  for (let o = value; o; o = Object.getPrototypeOf(o)) {
    if ((o as { constructor?: { brand?: unknown } }).constructor?.brand === brand) return true;
  }
  return false;
};

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

  constructor(message: string, init?: FlareErrorInit) {
    // `cause` goes to Error (non-enumerable); every field becomes an own, enumerable data
    // property, like a class field: the name first, then the init's fields in their order.
    super(message, init);
    Object.assign(this, { name: (new.target as typeof FlareError).brand }, init);
  }

  /**
   * Whether the SDK's retry loop tries again after this error: 408, 429, 5xx and no-response
   * errors, and a 409 `idempotency_in_progress` (the first request with the key is still
   * running; a later try gets its stored answer).
   */
  get isRetryable(): boolean {
    return this.code === 'idempotency_in_progress';
  }

  /**
   * `true` when `value` is an error of this class (or a subclass), from any copy of the SDK.
   * Needs no `this`: pass it as is, e.g. `errors.filter(RateLimitError.isInstance)`.
   * @example
   * ```ts
   * if (RateLimitError.isInstance(err)) await sleep(err.retryAfter * 1000);
   * ```
   */
  static isInstance<T extends abstract new (...args: never[]) => FlareError>(
    this: T,
    value: unknown,
  ): value is InstanceType<T> {
    // Never `this`: every subclass has its own (see `errorClass`).
    return hasBrand(value, 'FlareError');
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return this.isInstance(value);
  }

  /** The name this class is recognised by across package copies. */
  static readonly brand: string = 'FlareError';

  /** The error as JSON: `name`, `message` and every field but `headers` and `cause`. */
  toJSON(): Record<string, unknown> {
    const { headers, cause, ...fields } = this as Record<string, unknown>;
    // `name` is an own field (the first); `message` is Error's own, not enumerable.
    return { ...fields, message: this.message };
  }
}

/**
 * The static side of an error class: constructible, extendable, and with an `isInstance` guard
 * that narrows to the class's own type `E`.
 * @example
 * ```ts
 * if (ConflictError.isInstance(err) && err.code === 'lease_lost') return;
 * ```
 */
export interface FlareErrorClass<E extends FlareError> {
  new (message: string, init?: FlareErrorInit): E;
  readonly prototype: E;
  /** The name this class is recognised by across package copies. */
  readonly brand: string;
  /** `true` when `value` is an error of this class (or a subclass), from any copy of the SDK. */
  isInstance(value: unknown): value is E;
}

/**
 * Makes a subclass of `parent` whose `name` and `brand` are `name`: one line per error class.
 * `C` is the static type the caller declares for it (`FlareErrorClass<ItsInstanceType>`, or the
 * parent's type for a class that goes on to declare its own fields).
 * @example
 * ```ts
 * const ServerError: FlareErrorClass<ServerError> = errorClass(FlareError, 'ServerError', true);
 * ```
 */
export function errorClass<C = typeof FlareError>(
  parent: typeof FlareError,
  name: string,
  retryable?: boolean,
): C {
  // A computed key names the class itself (stack traces, util.inspect), minifier or not.
  const Class = {
    [name]: class extends parent {
      static override brand = name;
      static override isInstance: typeof FlareError.isInstance = (value: unknown): value is never =>
        hasBrand(value, name);
      // Otherwise the parent's rule applies (FlareError's looks at the code).
      override get isRetryable() {
        return retryable || super.isRetryable;
      }
    },
  }[name]!;
  return Class as unknown as C;
}
