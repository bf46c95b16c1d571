import { ValidationError } from '../errors/api-errors.js';
import { invalid } from '../errors/invalid.js';
import type { JsonObject, PayloadShape } from '../types/job.js';
import type {
  InferSchemaInput,
  InferSchemaOutput,
  StandardSchemaIssue,
  StandardSchemaV1,
} from '../types/standard-schema.js';

/** The outcome of `JobDefinition.validate`: the parsed payload, or a `ValidationError`. */
export type JobValidation<T> = { ok: true; value: T } | { ok: false; error: ValidationError };

/**
 * A job type defined once: its name, its payload schema and (optionally) its result schema. It
 * types and checks the producer (`createJob({ job, payload })`, `createSchedule({ job, … })`)
 * and carries what a worker needs to check a claimed job's payload before its handler runs.
 * `TInput` is what a producer passes (and what is sent), `TPayload` what a handler receives.
 * @example
 * ```ts
 * const sendWelcome: JobDefinition<{ email: string }> = defineJob({ type: 'SendWelcomeEmail', payload: schema });
 * ```
 */
export interface JobDefinition<
  TPayload extends PayloadShape = JsonObject,
  TResult = unknown,
  TInput extends PayloadShape = TPayload,
> {
  /** The `job_type` on the wire. */
  readonly type: string;
  readonly payload: StandardSchemaV1<TInput, TPayload>;
  readonly result: StandardSchemaV1<unknown, TResult> | undefined;
  /**
   * Checks a payload against the schema. Never throws for a bad payload: the error's `param`
   * names the first issue's path under `payload` (`payload.email`), its message lists them all.
   */
  validate(payload: unknown): Promise<JobValidation<TPayload>>;
}

/** Any job definition, whatever its types. */
// biome-ignore lint/suspicious/noExplicitAny: the widest definition, for constraints
export type AnyJobDefinition = JobDefinition<any, any, any>;

/** What `defineJob` takes. */
export interface DefineJobInput<
  P extends StandardSchemaV1,
  R extends StandardSchemaV1 | undefined,
> {
  /** 1–128 characters of `[A-Za-z0-9_.:-]`: the `job_type` on the wire. */
  type: string;
  payload: P;
  result?: R;
}

type Out<S> = S extends StandardSchemaV1 ? InferSchemaOutput<S> : unknown;

/**
 * Defines a job type once, with any Standard Schema validator (zod 4, valibot 1, arktype 2, …):
 * `createJob({ job, payload })` and schedules are then typed by it and check the payload before
 * anything is sent.
 * @example
 * ```ts
 * import { z } from 'zod';
 * const sendWelcome = defineJob({
 *   type: 'SendWelcomeEmail',
 *   payload: z.object({ email: z.email(), name: z.string() }),
 *   result: z.object({ messageId: z.string() }),
 * });
 * await flare.createJob({ job: sendWelcome, payload: { email: 'a@b.c', name: 'Ann' } });
 * ```
 */
export function defineJob<
  P extends StandardSchemaV1<PayloadShape, PayloadShape>,
  R extends StandardSchemaV1 | undefined = undefined,
>(input: DefineJobInput<P, R>): JobDefinition<InferSchemaOutput<P>, Out<R>, InferSchemaInput<P>> {
  const { type, payload, result } = input ?? {};
  if (typeof type !== 'string' || !type) invalid('defineJob: type must be a job type', 'type');
  if (typeof payload?.['~standard']?.validate !== 'function') {
    invalid('defineJob: payload must be a Standard Schema (zod, valibot, arktype, …)', 'payload');
  }
  return {
    type,
    payload,
    result: result as never,
    async validate(value) {
      const outcome = await payload['~standard'].validate(value);
      if (!outcome.issues) return { ok: true, value: outcome.value as InferSchemaOutput<P> };
      return { ok: false, error: payloadError(type, outcome.issues) };
    },
  };
}

/** A `ValidationError` like the server's, `param` = the first issue's path under `payload`. */
function payloadError(type: string, issues: ReadonlyArray<StandardSchemaIssue>): ValidationError {
  // Array.from, not path.map: arktype's path is an Array subclass whose species turns an empty
  // path into `[0]`.
  const path = (issue: StandardSchemaIssue) =>
    [
      'payload',
      ...Array.from(issue.path ?? [], (s) => String(typeof s === 'object' ? s.key : s)),
    ].join('.');
  const list = issues.map((issue) => `${path(issue)}: ${issue.message}`).join('; ');
  return new ValidationError(`${type} payload is invalid: ${list}`, {
    type: 'invalid_request_error',
    code: 'parameter_invalid',
    param: path(issues[0]!),
  });
}
