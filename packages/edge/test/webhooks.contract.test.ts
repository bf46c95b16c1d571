import { FlareError, verifyWebhook, WebhookVerificationError } from '@flare/edge';
import { webhookContractSuite } from '@flare/test-support/webhook-contract';

webhookContractSuite('edge/web-crypto', verifyWebhook, {
  FlareError,
  WebhookVerificationError,
  supportsRequest: true,
});
