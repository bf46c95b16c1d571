// The public surface of @flare/core, listed name by name: anything not here is internal.
// `api-report.md` beside package.json records it; `pnpm test` fails when the two differ.
export type {
  CreateJobsItem,
  CreateJobsOptions,
  CreateJobsResult,
  TypedCreateJobsItem,
} from './client/create-jobs.js';
export { FlareClient } from './client/flare-client.js';
export { type LogOptions, logHooks } from './client/log-hooks.js';
export type { FlareClientOptions } from './client/options.js';
export { DEFAULT_BASE_URL } from './client/resolve-config.js';
export {
  type ScheduleDefinition,
  type SyncSchedulesOptions,
  type SyncSchedulesResult,
  syncSchedules,
} from './client/sync-schedules.js';
export {
  type AnyJobDefinition,
  type DefineJobInput,
  defineJob,
  type JobDefinition,
  type JobValidation,
} from './definitions/define-job.js';
export type {
  PayloadOf,
  ResultOf,
  TypedCreateJobParams,
  TypedCreateScheduleParams,
  TypedUpdateScheduleParams,
} from './definitions/typed-params.js';
export {
  AuthError,
  type ConflictCode,
  ConflictError,
  NotFoundError,
  PermissionError,
  QuotaError,
  ServerError,
  ValidationError,
} from './errors/api-errors.js';
export { ConnectionError, TimeoutError } from './errors/connection-errors.js';
export { FlareError, type FlareErrorClass } from './errors/flare-error.js';
export { RateLimitError } from './errors/rate-limit-error.js';
export { ResponseTooLargeError } from './errors/response-too-large-error.js';
export {
  WebhookVerificationError,
  type WebhookVerificationReason,
} from './errors/webhook-verification-error.js';
export type { ApiResponse } from './http/api-response.js';
export { fetchTransport } from './http/fetch-transport.js';
export type { FlarePromise } from './http/flare-promise.js';
export type { RequestOptions } from './http/request-options.js';
export type { Fetch, Transport, TransportRequest, TransportResponse } from './http/transport.js';
export { VERSION } from './internal/version.js';
export type { CursorPage, JobListPromise, ListPromise } from './pagination/list-promise.js';
export { type RetryDelayInput, retryDelay } from './retry/retry-delay.js';
export type { WebhookEvent, WebhookEventType } from './types/event.js';
export type { HeaderReader } from './types/header-reader.js';
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
export type {
  FlareEvent,
  FlareHooks,
  FlareLogger,
  FlareLogLevel,
} from './types/observability.js';
export type {
  CreateScheduleParams,
  DeletedSchedule,
  ListSchedulesParams,
  Schedule,
  ScheduleOverlap,
  SchedulePage,
  UpdateScheduleParams,
} from './types/schedule.js';
export type {
  InferSchemaInput,
  InferSchemaOutput,
  StandardSchemaIssue,
  StandardSchemaProps,
  StandardSchemaResult,
  StandardSchemaV1,
} from './types/standard-schema.js';
export {
  createWebhookVerifier,
  DEFAULT_WEBHOOK_TOLERANCE_SEC,
  type VerifyWebhook,
  type VerifyWebhookOptions,
  type VerifyWebhookRequestOptions,
  WEBHOOK_SIGNATURE_HEADER,
} from './webhooks/verify-webhook.js';
export { webCryptoWebhookCrypto } from './webhooks/web-crypto.js';
export { verifyWebhook } from './webhooks/web-crypto-verifier.js';
export type { WebhookCrypto } from './webhooks/webhook-crypto.js';
export { FlareWorker } from './worker/flare-worker.js';
export type {
  ClaimedJob,
  DefinedJobHandler,
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
