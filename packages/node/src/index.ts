export * from '@flare/core';
export { FlareClient } from './flare-client.js';
export { FlareWorker, type NodeWorkerOptions } from './flare-worker.js';
export { type NodeTransportOptions, nodeHttpTransport } from './node-transport.js';
export { verifyWebhook } from './verify-webhook.js';
export { nodeWebhookCrypto } from './webhook-crypto.js';
