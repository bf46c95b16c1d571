import { invalid } from '../errors/invalid.js';
import type { CreateJobParams } from '../types/job.js';
import type { CreateScheduleParams, UpdateScheduleParams } from '../types/schedule.js';
import type { AnyJobDefinition, JobDefinition } from './define-job.js';

/** The payload a definition's producer passes (its schema's input). */
export type PayloadOf<D> = D extends JobDefinition<infer _P, infer _R, infer I> ? I : never;

/** The result type a definition declares. */
export type ResultOf<D> = D extends JobDefinition<infer _P, infer R, infer _I> ? R : never;

/**
 * `createJob` with a job definition: `job` in place of `job_type`, `payload` typed and checked by
 * the definition's schema before anything is sent.
 * @example
 * ```ts
 * const params: TypedCreateJobParams<typeof sendWelcome> = { job: sendWelcome, payload: { email } };
 * ```
 */
export type TypedCreateJobParams<D extends AnyJobDefinition> = Omit<
  CreateJobParams,
  'job_type' | 'payload'
> & { job: D; payload: PayloadOf<D> };

/**
 * `createSchedule` (and `syncSchedules`) with a job definition in place of `job_type`.
 * @example
 * ```ts
 * await flare.createSchedule({ key: 'digest', cron: '0 9 * * *', job: digest, payload: { list: 'all' } });
 * ```
 */
export type TypedCreateScheduleParams<D extends AnyJobDefinition> = Omit<
  CreateScheduleParams,
  'job_type' | 'payload'
> & { job: D; payload: PayloadOf<D> };

/**
 * `updateSchedule` with a job definition in place of `job_type`: the new payload is required,
 * typed and checked by the definition (the stored one may not fit it).
 * @example
 * ```ts
 * await flare.updateSchedule('sch_01JD…', { job: digest, payload: { list: 'vip' } });
 * ```
 */
export type TypedUpdateScheduleParams<D extends AnyJobDefinition> = Omit<
  UpdateScheduleParams,
  'job_type' | 'payload'
> & { job: D; payload: PayloadOf<D> };

/**
 * Runs `send` with wire params: a typed `{ job, payload }` is checked by the definition and sent
 * as `{ job_type, payload }` (the payload as given: the worker parses it again); anything else
 * passes through untouched, without an extra tick (and `send`'s value as it is, sync or not).
 */
export function withJob<T>(params: unknown, send: (wire: unknown) => Promise<T>): Promise<T>;
export function withJob<T>(params: unknown, send: (wire: unknown) => T): T | Promise<T>;
export function withJob<T>(params: unknown, send: (wire: unknown) => T): T | Promise<T> {
  const def = (params as { job?: AnyJobDefinition } | null)?.job;
  if (def === undefined) return send(params);
  const { job: _, ...rest } = params as { job: unknown; job_type?: unknown; payload?: unknown };
  if (typeof def?.validate !== 'function') invalid('job must come from defineJob()', 'job');
  if (rest.job_type !== undefined) invalid('give job or job_type, not both', 'job_type');
  return def.validate(rest.payload).then((checked) => {
    if (!checked.ok) throw checked.error;
    return send({ job_type: def.type, ...rest });
  });
}
