import { verifyWebhook } from '../src/webhooks/web-crypto-verifier.js';
import { webhookContractSuite } from './webhook-contract.js';

webhookContractSuite('core/web-crypto', verifyWebhook, { supportsRequest: true });
