// The `browser` entry of @flare/core: the whole public surface, with a FlareClient that refuses
// to start in a page without `dangerouslyAllowBrowser: true` (a local export wins over `export *`).

export { FlareClient } from './client/browser-client.js';
export * from './index.js';
