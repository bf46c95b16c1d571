import { verifyWebhook } from '@flare/edge';
import { webhookContractSuite } from '../../core/test/webhook-contract.js';

webhookContractSuite('edge/web-crypto', verifyWebhook, { supportsRequest: true });
