import { verifyWebhook } from '@flare/node';
import { webhookContractSuite } from '../../core/test/webhook-contract.js';

webhookContractSuite('node/node-crypto', verifyWebhook, { supportsRequest: true });
