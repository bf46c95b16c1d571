import type { AnyJobDefinition } from '../definitions/define-job.js';
import { type TypedCreateScheduleParams, withJob } from '../definitions/typed-params.js';
import { NotFoundError } from '../errors/api-errors.js';
import { invalid } from '../errors/invalid.js';
import type { RequestOptions } from '../http/request-options.js';
import type { CreateScheduleParams, Schedule } from '../types/schedule.js';
import type { FlareClient } from './flare-client.js';

/**
 * One declared schedule: `createSchedule`'s params (or a job definition's) with a `key`.
 * @example
 * ```ts
 * const digest: ScheduleDefinition = { key: 'daily-digest', cron: '0 9 * * *', job_type: 'Digest' };
 * ```
 */
export type ScheduleDefinition = (
  | CreateScheduleParams
  | TypedCreateScheduleParams<AnyJobDefinition>
) & { key: string };

/**
 * What one declared schedule is checked against: its own definition's params when it names a
 * `job`, else the wire params. So in a mixed list each payload must fit its own job.
 */
type CheckedScheduleDefinition<E> = E extends { job: infer D extends AnyJobDefinition }
  ? TypedCreateScheduleParams<D> & { key: string }
  : CreateScheduleParams & { key: string };

/**
 * Options of `syncSchedules`: `prune` deletes keyed schedules that are no longer declared; the
 * rest apply to every request (each write gets its own idempotency key).
 * @example
 * ```ts
 * await flare.syncSchedules(definitions, { prune: true, signal: AbortSignal.timeout(30_000) });
 * ```
 */
export interface SyncSchedulesOptions extends Omit<RequestOptions, 'idempotencyKey'> {
  prune?: boolean | undefined;
}

/** What `syncSchedules` did, schedule by schedule (`deleted`: as they were before deletion). */
export interface SyncSchedulesResult {
  created: Schedule[];
  updated: Schedule[];
  unchanged: Schedule[];
  deleted: Schedule[];
}

// What the server fills in for a field left out: a definition that leaves it out matches it.
const DEFAULTS: Record<string, unknown> = {
  timezone: 'UTC',
  payload: {},
  queue: 'default',
  max_attempts: 3,
  tags: [],
  overlap: 'allow',
};

/**
 * Schedules as code: upserts every definition by `key` and, with `prune`, deletes keyed
 * schedules no longer declared (schedules without a key are never touched). A definition that
 * already matches is left alone, so a second run changes nothing. Every definition (typed
 * payloads included) is checked before the first write, and typed one by one: a definition
 * naming a `job` must carry that job's payload, whatever the others name. A function of its own rather than a
 * `FlareClient` method, so a bundle that never syncs (an edge Worker) does not carry it.
 * @example
 * ```ts
 * import { FlareClient, syncSchedules } from '@flare/node';
 * const { created, updated, unchanged, deleted } = await syncSchedules(
 *   new FlareClient(),
 *   [{ key: 'daily-digest', cron: '0 9 * * *', timezone: 'Europe/Paris', job_type: 'Digest' }],
 *   { prune: true },
 * );
 * ```
 */
export async function syncSchedules<T extends readonly ScheduleDefinition[]>(
  flare: FlareClient,
  definitions: T & { readonly [K in keyof T]: CheckedScheduleDefinition<T[K]> },
  { prune, ...options }: SyncSchedulesOptions = {},
): Promise<SyncSchedulesResult> {
  if (!Array.isArray(definitions)) invalid('syncSchedules takes a list of definitions');
  // Two definitions with one key would silently overwrite each other, so keys are checked first.
  const keys = new Set<string>();
  const wire: CreateScheduleParams[] = [];
  for (const [i, def] of definitions.entries()) {
    const key = (def as { key?: unknown } | null)?.key;
    if (typeof key !== 'string' || !key)
      invalid('every definition needs a key', `definitions.${i}.key`);
    if (keys.has(key)) invalid(`key "${key}" is declared twice`, `definitions.${i}.key`);
    keys.add(key);
    wire.push(await withJob(def, (params) => params as CreateScheduleParams));
  }
  const existing = new Map<string, Schedule>();
  for await (const s of flare.listSchedules({ limit: 100 }, options)) {
    if (s.key !== null) existing.set(s.key, s);
  }
  const result: SyncSchedulesResult = { created: [], updated: [], unchanged: [], deleted: [] };
  for (const def of wire) {
    const current = existing.get(def.key!);
    if (current && matches(current, def)) {
      result.unchanged.push(current);
      continue;
    }
    const { data, status } = await flare.createSchedule(def, options).withResponse();
    (status === 201 ? result.created : result.updated).push(data);
  }
  if (prune) {
    for (const [key, s] of existing) {
      if (keys.has(key)) continue;
      // Gone already (a concurrent deploy pruned it): the outcome asked for.
      await flare.deleteSchedule(s.id, options).catch((error: unknown) => {
        if (!NotFoundError.isInstance(error)) throw error;
      });
      result.deleted.push(s);
    }
  }
  return result;
}

function matches(s: Schedule, def: CreateScheduleParams): boolean {
  const got = s as unknown as Record<string, unknown>;
  const want = def as unknown as Record<string, unknown>;
  return ['cron', 'job_type', ...Object.keys(DEFAULTS)].every(
    (k) => JSON.stringify(got[k]) === JSON.stringify(want[k] ?? DEFAULTS[k]),
  );
}
