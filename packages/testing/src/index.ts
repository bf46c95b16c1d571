export type { ListenOptions, RunningServer } from './adapters/http-server.js';
export type { MswHandler } from './adapters/msw-handlers.js';
export { FakeClock, type FakeClockOptions } from './clock.js';
export type {
  FailJobOptions,
  ProgressUpdate,
  ReleaseJobOptions,
  StartJobOptions,
} from './drivers.js';
export type { RateLimitOptions } from './engine/rate-limit.js';
export type { Schedule } from './engine/schedules/schedule-store.js';
export type { FakeRequest, FakeResponse } from './engine/types.js';
export type { RecordedWebhook, WebhookOptions } from './engine/webhooks/webhook-outbox.js';
export { FakeFlare } from './fake-flare.js';
export { DEFAULT_OVERSIZE_BYTES, type Fault, type InjectedFault } from './faults/fault.js';
export { fixtures } from './fixtures/index.js';
export { type SignWebhookInput, signWebhook } from './fixtures/sign-webhook.js';
export { type SignedWebhookRequestInput, signedWebhookRequest } from './fixtures/signed-request.js';
export { DEFAULT_API_KEY, type FakeFlareOptions } from './options.js';
export type { RecordedRequest } from './recorded-request.js';
