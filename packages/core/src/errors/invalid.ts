import { ValidationError } from './api-errors.js';
import { FlareError } from './flare-error.js';

/** Throws a `FlareError`: a wrong option or argument, a bug to fix before anything is sent. */
export function fail(message: string): never {
  throw new FlareError(message);
}

/**
 * Throws a `ValidationError` shaped like the server's (`invalid_request_error`,
 * `parameter_invalid`); `param` names the field, if one is at fault.
 */
export function invalid(message: string, param?: string): never {
  throw new ValidationError(message, {
    type: 'invalid_request_error',
    code: 'parameter_invalid',
    param,
  });
}
