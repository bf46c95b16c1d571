import { ValidationError } from '../errors/api-errors.js';
import type { ActiveJob } from './active-job.js';
import type { JobContext } from './types.js';

/** Builds a handler's `ctx`; `onProgress` is told of each accepted progress report. */
export function jobContext(
  active: ActiveJob,
  workerId: string,
  onProgress: (percent: number, message: string | undefined) => void,
): JobContext {
  return {
    job: active.job,
    attempt: active.job.attempts,
    signal: active.handler.signal,
    workerId,
    progress(percent: number, message?: string) {
      // A bad report is a bug in the handler: say so where it happened, not at the next heartbeat.
      if (typeof percent !== 'number' || !(percent >= 0 && percent <= 100)) {
        throw new ValidationError(
          `ctx.progress: percent must be a number from 0 to 100 (got ${String(percent)})`,
          {
            type: 'invalid_request_error',
            code: 'parameter_invalid',
            param: 'percent',
          },
        );
      }
      if (message !== undefined && typeof message !== 'string') {
        throw new ValidationError('ctx.progress: message must be a string', {
          type: 'invalid_request_error',
          code: 'parameter_invalid',
          param: 'message',
        });
      }
      // The contract keeps 1 024 characters.
      const text = message === undefined ? undefined : message.slice(0, 1024);
      if (active.phase !== 'running') return;
      active.progress = text === undefined ? { percent } : { percent, message: text };
      onProgress(percent, text);
    },
  };
}
