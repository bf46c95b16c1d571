import { FlareError } from '../errors/flare-error.js';

/** Throws a `FlareError`: a wrong option or argument, a bug to fix before anything is sent. */
export function fail(message: string): never {
  throw new FlareError(message);
}
