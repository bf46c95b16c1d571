import { reasonOf } from '../internal/redact.js';
import type { WorkerEvents } from './worker-events.js';

/** A log line's level. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A log line: its level, message and fields. */
export type LogLine = [LogLevel, string, Record<string, unknown>];

/**
 * The log line of a job's step (decision 0011): routine steps at `debug`, a job given up at
 * `warn`. Events with their own line where they happen (`leaseLost`, `claimError`, `stopped`)
 * and `progress` (too chatty) have none. Fields use the event vocabulary: `attempt`,
 * `durationMs`, `error` (its message, redacted).
 */
export function workerLogLine<E extends keyof WorkerEvents>(
  name: E,
  event: WorkerEvents[E],
): LogLine | undefined {
  const e = event as Partial<WorkerEvents['failed'] & WorkerEvents['released']>;
  if (name === 'claimed') {
    const { jobs } = event as WorkerEvents['claimed'];
    return ['debug', `Flare claimed ${jobs.length} job(s)`, { jobIds: jobs.map((j) => j.id) }];
  }
  const job = e.job;
  if (!job || !['started', 'succeeded', 'failed', 'released'].includes(name)) return undefined;
  const fields = { jobId: job.id, jobType: job.job_type, attempt: job.attempts };
  if (name === 'released') {
    return ['debug', `Flare job ${job.id} released (${e.reason})`, { ...fields, reason: e.reason }];
  }
  if (name === 'started') {
    return [
      'debug',
      `Flare job ${job.id} (${job.job_type}) started, attempt ${job.attempts}`,
      fields,
    ];
  }
  const done = { ...fields, durationMs: e.durationMs };
  if (name === 'succeeded') {
    return ['debug', `Flare job ${job.id} succeeded in ${e.durationMs} ms`, done];
  }
  const error = reasonOf(e.error);
  return e.final
    ? [
        'warn',
        `Flare job ${job.id} failed for good at attempt ${job.attempts}: ${error}`,
        { ...done, error },
      ]
    : [
        'debug',
        `Flare job ${job.id} failed attempt ${job.attempts}, to be retried: ${error}`,
        { ...done, error },
      ];
}
