import { type FlareClientOptions, ValidationError } from '@flare/core';

/** Every option `FlareClient` reads; a plain-JavaScript typo is otherwise silently ignored. */
const KNOWN: ReadonlyArray<keyof FlareClientOptions> = [
  'apiKey',
  'baseUrl',
  'maxRetries',
  'retryBaseDelayMs',
  'retryMaxDelayMs',
  'maxResponseBytes',
  'timeoutMs',
  'defaultHeaders',
  'fetch',
  'transport',
  'dangerouslyAllowBrowser',
  'hooks',
];

/** Edit distance, case-insensitive: how far a typo is from a known name. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min(
        row[j]! + 1,
        next[j - 1]! + 1,
        row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[y.length]!;
}

/**
 * Rejects an option `FlareClient` does not know (`maxRetry`, `headers`) with a `ValidationError`
 * naming the closest known one, instead of ignoring it.
 * @example
 * ```ts
 * checkKnownOptions({ maxRetry: 5 }); // ValidationError: Unknown option "maxRetry": did you mean "maxRetries"?
 * ```
 */
export function checkKnownOptions(options: object, extra: readonly string[] = []): void {
  const known = [...KNOWN, ...extra];
  for (const name of Object.keys(options)) {
    if (known.includes(name)) continue;
    // A known name ending with the typo wins (`headers` → `defaultHeaders`), else the nearest.
    const closest =
      known.find((k) => k.toLowerCase().endsWith(name.toLowerCase())) ??
      known.reduce((best, k) => (distance(name, k) < distance(name, best) ? k : best));
    throw new ValidationError(
      `Unknown FlareClient option "${name}": did you mean "${closest}"? Known: ${known.join(', ')}`,
      { type: 'invalid_request_error', code: 'parameter_invalid', param: name },
    );
  }
}
