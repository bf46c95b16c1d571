import { FlareClient } from '../client/flare-client.js';
import type { AnyJobDefinition } from '../definitions/define-job.js';
import { ValidationError } from '../errors/api-errors.js';
import { isObject } from '../internal/is-object.js';
import { levelRank } from '../internal/log-level.js';
import type { FlareWorkerOptions, JobHandlers, WorkerLogger } from './types.js';
import { type WorkerProtocol, workerProtocol } from './worker-protocol.js';

/** A worker's settled configuration. */
export interface WorkerConfig {
  protocol: WorkerProtocol;
  handlers: JobHandlers;
  /** The definitions of the types added by `worker.handle()`: their payloads are checked first. */
  definitions: Map<string, AnyJobDefinition>;
  /** The types claimed; the last may be added by `worker.handle()` before the worker starts. */
  jobTypes: string[];
  queues: string[];
  concurrency: number;
  leaseSeconds: number;
  pollWaitMs: number;
  shutdownTimeoutMs: number;
  workerId: string;
  logger: WorkerLogger | undefined;
  /** The rank of the lowest level written (`LOG_LEVELS`). */
  logRank: number;
}

const KNOWN = new Set([
  'handlers',
  'client',
  'queues',
  'concurrency',
  'leaseSeconds',
  'pollWaitMs',
  'shutdownTimeoutMs',
  'workerId',
  'logger',
  'logLevel',
]);
/** The contract's job-type and queue-name alphabet. */
export const NAME = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Throws the `ValidationError` of a bad option: it names the option and how to fix it. */
export function badOption(message: string, param: string): never {
  throw new ValidationError(`FlareWorker: ${message}`, {
    type: 'invalid_request_error',
    code: 'parameter_invalid',
    param,
  });
}

function wholeNumber(value: unknown, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    badOption(`${name} must be a whole number ${range} (got ${String(value)})`, name);
  }
  return value as number;
}

function checkHandlers(handlers: unknown): JobHandlers {
  if (!isObject(handlers)) {
    badOption(
      'handlers must be an object of job type → function, e.g. { SendEmail: async (job) => … }',
      'handlers',
    );
  }
  const types = Object.keys(handlers);
  // A claim names at most 100 job types. None here is fine when `worker.handle()` adds them: the
  // worker checks for at least one when it starts.
  if (types.length > 100) {
    badOption(`handlers must have at most 100 job types (got ${types.length})`, 'handlers');
  }
  for (const type of types) {
    if (!NAME.test(type)) {
      badOption(
        `handler key "${type.slice(0, 140)}" is not a job type (1-128 of [A-Za-z0-9_.:-])`,
        'handlers',
      );
    }
    if (typeof handlers[type] !== 'function') {
      badOption(`handlers.${type} must be a function (job, ctx) => result`, `handlers.${type}`);
    }
  }
  return { ...(handlers as JobHandlers) };
}

/** Applies the defaults and checks every option. `defaultWorkerId` is the runtime's (host/pid). */
export function checkWorkerOptions(
  options: FlareWorkerOptions,
  defaultWorkerId: () => string,
): WorkerConfig {
  if (!isObject(options as unknown))
    badOption('options must be an object, e.g. { handlers }', 'options');
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) badOption(`unknown option "${key}"`, key);
  }
  const handlers = checkHandlers(options.handlers ?? {});
  const queues = options.queues ?? ['default'];
  if (
    !Array.isArray(queues) ||
    queues.length === 0 ||
    queues.length > 100 ||
    new Set(queues).size !== queues.length ||
    !queues.every((q) => typeof q === 'string' && NAME.test(q))
  ) {
    badOption('queues must be 1 to 100 distinct queue names (1-128 of [A-Za-z0-9_.:-])', 'queues');
  }
  const workerId = options.workerId ?? defaultWorkerId();
  if (typeof workerId !== 'string' || !/^[\x20-\x7e]{1,128}$/.test(workerId)) {
    badOption('workerId must be 1-128 printable ASCII characters', 'workerId');
  }
  const logger = options.logger;
  if (logger !== undefined && !isObject(logger)) {
    badOption(
      'logger must be an object with debug/info/warn/error methods, e.g. console',
      'logger',
    );
  }
  const logRank = levelRank(options.logLevel, 'info', badOption);
  const concurrency = wholeNumber(options.concurrency ?? 10, 'concurrency', 1, 10_000);
  const leaseSeconds = wholeNumber(options.leaseSeconds ?? 60, 'leaseSeconds', 5, 3600);
  const pollWaitMs = wholeNumber(options.pollWaitMs ?? 20_000, 'pollWaitMs', 100, 20_000);
  const shutdownTimeoutMs = wholeNumber(
    options.shutdownTimeoutMs ?? 30_000,
    'shutdownTimeoutMs',
    0,
    Number.MAX_SAFE_INTEGER,
  );
  // Last: the default client reads FLARE_API_KEY and throws without one.
  const protocol = workerProtocol(options.client ?? new FlareClient());
  if (!protocol) badOption('client must be a FlareClient', 'client');
  return {
    protocol,
    handlers,
    definitions: new Map(),
    jobTypes: Object.keys(handlers),
    queues: [...queues],
    concurrency,
    leaseSeconds,
    pollWaitMs,
    shutdownTimeoutMs,
    workerId,
    logger,
    logRank,
  };
}
