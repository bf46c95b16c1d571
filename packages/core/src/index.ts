export { FlareClient } from './client/flare-client.js';
export type { FlarePromise } from './client/flare-promise.js';
export type { FlareClientOptions, RequestOptions } from './client/options.js';
export { DEFAULT_BASE_URL } from './client/resolve-config.js';
export * from './errors/index.js';
export { fetchTransport } from './http/fetch-transport.js';
export type { ApiResponse } from './http/requester.js';
export type { Fetch, Transport, TransportRequest, TransportResponse } from './http/transport.js';
export { VERSION } from './internal/version.js';
export type { JobListPromise } from './pagination/job-list-promise.js';
export { type HeaderReader, type RetryDelayInput, retryDelay } from './retry/retry-delay.js';
export type { WebhookEvent, WebhookEventType } from './types/event.js';
export type {
  CreateJobParams,
  Job,
  JobLastError,
  JobPage,
  JobProgress,
  JobState,
  JsonObject,
  JsonValue,
  ListJobsParams,
  PayloadShape,
} from './types/job.js';
export * from './webhooks/index.js';
export { FlareWorker } from './worker/flare-worker.js';
export type {
  ClaimedJob,
  DrainOptions,
  DrainSummary,
  FlareWorkerOptions,
  JobContext,
  JobHandler,
  JobHandlers,
  JobLease,
  WorkerLogger,
} from './worker/types.js';
export {
  LeaseLostError,
  type LeaseLostReason,
  NonRetryableError,
  RetryLaterError,
  WorkerStoppedError,
} from './worker/worker-errors.js';
export type { WorkerEvents, WorkerListener } from './worker/worker-events.js';
