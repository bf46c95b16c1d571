import { FlareError, verifyWebhook, WebhookVerificationError } from '@flare/node';
import { webhookContractSuite } from '@flare/test-support/webhook-contract';

webhookContractSuite('node/node-crypto', verifyWebhook, {
  FlareError,
  WebhookVerificationError,
  supportsRequest: true,
});
