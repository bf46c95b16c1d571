import { webhookContractSuite } from '@flare/test-support/webhook-contract';
import { FlareError, verifyWebhook, WebhookVerificationError } from '../src/index.js';

webhookContractSuite('core/web-crypto', verifyWebhook, {
  FlareError,
  WebhookVerificationError,
  supportsRequest: true,
});
