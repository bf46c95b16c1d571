import { createWebhookVerifier, type VerifyWebhook, webCryptoWebhookCrypto } from '@flare/core';

export type {
  ApiResponse,
  ConflictCode,
  CreateJobParams,
  CursorPage,
  Fetch,
  FlareClientOptions,
  FlareErrorClass,
  FlareEvent,
  FlareHooks,
  FlareLogger,
  FlareLogLevel,
  FlarePromise,
  HeaderReader,
  Job,
  JobLastError,
  JobListPromise,
  JobPage,
  JobProgress,
  JobState,
  JsonObject,
  JsonValue,
  ListJobsParams,
  ListPromise,
  LogOptions,
  PayloadShape,
  RequestOptions,
  RetryDelayInput,
  Transport,
  TransportRequest,
  TransportResponse,
  VerifyWebhook,
  VerifyWebhookOptions,
  VerifyWebhookRequestOptions,
  WebhookCrypto,
  WebhookEvent,
  WebhookEventType,
  WebhookVerificationReason,
} from '@flare/core';
// Core's defaults are already the edge ones: `FlareClient` sends with the runtime's `fetch`
// (`fetchTransport`) and reads FLARE_API_KEY only through a guarded `globalThis.process?.env`.
// Core's surface, named one by one (verifyWebhook is this package's own).
export {
  AuthError,
  ConflictError,
  ConnectionError,
  createWebhookVerifier,
  DEFAULT_BASE_URL,
  DEFAULT_WEBHOOK_TOLERANCE_SEC,
  FlareClient,
  FlareError,
  fetchTransport,
  logHooks,
  NotFoundError,
  PermissionError,
  QuotaError,
  RateLimitError,
  ResponseTooLargeError,
  retryDelay,
  ServerError,
  TimeoutError,
  ValidationError,
  VERSION,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookVerificationError,
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
