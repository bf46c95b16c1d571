import type { AnyJobDefinition } from '../definitions/define-job.js';
import { badOption, NAME, type WorkerConfig } from './check-worker-options.js';
import type { JobHandler } from './types.js';

/**
 * Adds a definition's handler to a worker's config, checked like the `handlers` option. The
 * worker validates each claimed payload against `definition` before the handler runs (see
 * `runJob`); the handler then gets the parsed payload, not the job.
 */
export function addDefinedHandler(
  config: WorkerConfig,
  definition: AnyJobDefinition,
  handler: (payload: unknown, ctx: Parameters<JobHandler>[1]) => unknown,
): void {
  if (typeof definition?.validate !== 'function') {
    badOption('handle() takes a definition from defineJob(), then its handler', 'definition');
  }
  const { type } = definition;
  if (typeof type !== 'string' || !NAME.test(type)) {
    badOption(`handle(): "${String(type).slice(0, 140)}" is not a job type`, 'definition');
  }
  if (typeof handler !== 'function') {
    badOption(
      `handle(${type}): the handler must be a function (payload, ctx) => result`,
      'handler',
    );
  }
  // Two handlers for one type: which one runs would be an accident of order.
  if (Object.hasOwn(config.handlers, type)) {
    badOption(`${type} already has a handler`, 'definition');
  }
  // A claim names at most 100 job types.
  if (config.jobTypes.length >= 100) badOption('a worker runs at most 100 job types', 'definition');
  config.definitions.set(type, definition);
  // `runJob` hands a defined type's handler the job with its payload already parsed.
  config.handlers[type] = (job, ctx) => handler(job.payload, ctx);
  config.jobTypes.push(type);
}
