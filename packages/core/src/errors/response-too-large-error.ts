import { errorClass, FlareError, type FlareErrorInit } from './flare-error.js';

/**
 * The response body passed `maxResponseBytes`. Reading stopped at the cap; never retried.
 * @example
 * ```ts
 * const flare = new FlareClient({ maxResponseBytes: 50 * 1024 * 1024 }); // raise the cap
 * ```
 */
export class ResponseTooLargeError extends /* @__PURE__ */ errorClass(
  FlareError,
  'ResponseTooLargeError',
) {
  declare readonly name: 'ResponseTooLargeError';
  /** The cap that was exceeded, in bytes. */
  declare readonly maxResponseBytes: number;

  constructor(maxResponseBytes: number, init?: FlareErrorInit) {
    super(`Response over maxResponseBytes (${maxResponseBytes}): raise it`, {
      ...init,
      maxResponseBytes,
    } as FlareErrorInit);
  }
}
