import { readEnv } from './env.js';

/** The log levels, lowest first; `off` writes nothing. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'off'] as const;

/**
 * The rank of the lowest level to write (index into `LOG_LEVELS`): `logLevel`, else the
 * `FLARE_LOG` environment variable where the runtime has one, else `fallback`. `bad` throws the
 * caller's typed error for a value that is not a level.
 */
export function levelRank(
  logLevel: unknown,
  fallback: 'info' | 'warn',
  bad: (message: string, param: string) => never,
): number {
  const level = logLevel ?? readEnv('FLARE_LOG') ?? fallback;
  const rank = LOG_LEVELS.indexOf(level as 'off');
  if (rank < 0) {
    bad(`logLevel (or FLARE_LOG) must be one of ${LOG_LEVELS.join(', ')}`, 'logLevel');
  }
  return rank;
}
