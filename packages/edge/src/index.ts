import { createWebhookVerifier, type VerifyWebhook, webCryptoWebhookCrypto } from '@flare/core';

export type {
  AnyJobDefinition,
  ApiResponse,
  ClaimedJob,
  ConflictCode,
  CreateJobParams,
  CreateJobsItem,
  CreateJobsOptions,
  CreateJobsResult,
  CreateScheduleParams,
  CursorPage,
  DefinedJobHandler,
  DefineJobInput,
  DeletedSchedule,
  DrainOptions,
  DrainSummary,
  Fetch,
  FlareClientOptions,
  FlareErrorClass,
  FlareEvent,
  FlareHooks,
  FlareLogger,
  FlareLogLevel,
  FlarePromise,
  FlareWorkerOptions,
  HeaderReader,
  InferSchemaInput,
  InferSchemaOutput,
  Job,
  JobContext,
  JobDefinition,
  JobHandler,
  JobHandlers,
  JobLastError,
  JobLease,
  JobListPromise,
  JobPage,
  JobProgress,
  JobState,
  JobValidation,
  JsonObject,
  JsonValue,
  LeaseLostReason,
  ListJobsParams,
  ListPromise,
  ListSchedulesParams,
  LogOptions,
  PayloadOf,
  PayloadShape,
  RequestOptions,
  ResultOf,
  RetryDelayInput,
  Schedule,
  ScheduleDefinition,
  ScheduleOverlap,
  SchedulePage,
  StandardSchemaIssue,
  StandardSchemaProps,
  StandardSchemaResult,
  StandardSchemaV1,
  SyncSchedulesOptions,
  SyncSchedulesResult,
  Transport,
  TransportRequest,
  TransportResponse,
  TypedCreateJobParams,
  TypedCreateJobsItem,
  TypedCreateScheduleParams,
  TypedUpdateScheduleParams,
  UpdateScheduleParams,
  VerifyWebhook,
  VerifyWebhookOptions,
  VerifyWebhookRequestOptions,
  WebhookCrypto,
  WebhookEvent,
  WebhookEventType,
  WebhookVerificationReason,
  WorkerEvents,
  WorkerListener,
  WorkerLogger,
} from '@flare/core';
// Core's defaults are already the edge ones: `FlareClient` sends with the runtime's `fetch`
// (`fetchTransport`) and reads FLARE_API_KEY only through a guarded `globalThis.process?.env`.
// Core's surface, named one by one (verifyWebhook is this package's own).
export {
  AuthError,
  ConflictError,
  ConnectionError,
  createJobs,
  createWebhookVerifier,
  DEFAULT_BASE_URL,
  DEFAULT_WEBHOOK_TOLERANCE_SEC,
  defineJob,
  FlareClient,
  FlareError,
  FlareWorker,
  fetchTransport,
  LeaseLostError,
  logHooks,
  NonRetryableError,
  NotFoundError,
  PermissionError,
  QuotaError,
  RateLimitError,
  ResponseTooLargeError,
  RetryLaterError,
  retryDelay,
  ServerError,
  syncSchedules,
  TimeoutError,
  ValidationError,
  VERSION,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookVerificationError,
  WorkerStoppedError,
  webCryptoWebhookCrypto,
} from '@flare/core';

/**
 * Verifies a Flare webhook with Web Crypto (`crypto.subtle`, the imported key cached per secret)
 * and resolves to its event. Pass a Fetch API `Request` (its body is read from a clone, so it
 * stays readable), or the raw body and the `zeridion-signature` header. Rejects with a
 * `WebhookVerificationError` (answer 400) whose `reason` says why.
 *
 * @example
 * ```ts
 * import { verifyWebhook, WebhookVerificationError } from '@flare/edge';
 *
 * export default {
 *   async fetch(request: Request, env: { FLARE_WEBHOOK_SECRET: string }) {
 *     try {
 *       const event = await verifyWebhook({ request, secret: env.FLARE_WEBHOOK_SECRET });
 *       if (event.type === 'job.failed') console.warn(event.data.job.last_error);
 *       return new Response(null, { status: 204 });
 *     } catch (err) {
 *       if (WebhookVerificationError.isInstance(err)) return new Response(err.reason, { status: 400 });
 *       throw err;
 *     }
 *   },
 * };
 * ```
 */
export const verifyWebhook: VerifyWebhook = /* @__PURE__ */ createWebhookVerifier(
  /* @__PURE__ */ webCryptoWebhookCrypto(),
);
