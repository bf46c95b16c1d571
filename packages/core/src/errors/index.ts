export {
  AuthError,
  ConflictError,
  NotFoundError,
  PermissionError,
  QuotaError,
  ServerError,
  ValidationError,
} from './api-errors.js';
export { ConnectionError, TimeoutError } from './connection-errors.js';
export { type ErrorContext, errorFromResponse } from './error-from-response.js';
export { FlareError, type FlareErrorInit } from './flare-error.js';
export { RateLimitError, type RateLimitErrorInit } from './rate-limit-error.js';
export { ResponseTooLargeError } from './response-too-large-error.js';
export {
  WebhookVerificationError,
  type WebhookVerificationReason,
} from './webhook-verification-error.js';
