import { FlareError, type FlareErrorInit } from './flare-error.js';

/**
 * The response body passed `maxResponseBytes`. Reading stopped at the cap; never retried.
 * @example
 * ```ts
 * const flare = new FlareClient({ maxResponseBytes: 50 * 1024 * 1024 }); // raise the cap
 * ```
 */
export class ResponseTooLargeError extends FlareError {
  static override readonly brand: string = 'ResponseTooLargeError';
  /** The cap that was exceeded, in bytes. */
  readonly maxResponseBytes: number;

  constructor(maxResponseBytes: number, init: FlareErrorInit = {}) {
    super(
      `Response body over maxResponseBytes (${maxResponseBytes}): reading stopped. Raise it (0 ` +
        'disables the cap) if such responses are expected.',
      init,
    );
    this.maxResponseBytes = maxResponseBytes;
  }
}
