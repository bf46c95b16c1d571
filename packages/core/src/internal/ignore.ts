/**
 * A rejection handler that does nothing: marks a promise's rejection as handled where the error
 * reaches the caller another way (or, for a stream's `cancel()`, cannot matter).
 */
export const ignore = (): undefined => undefined;
