import { verifyWebhook } from '../src/webhooks/index.js';
import { webhookContractSuite } from './webhook-contract.js';

webhookContractSuite('core/web-crypto', verifyWebhook, { supportsRequest: true });
