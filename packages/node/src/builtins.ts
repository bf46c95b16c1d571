import { createRequire } from 'node:module';

/**
 * Node built-ins, loaded on first use rather than at import: `node:http` when the first request
 * goes out, `node:https` on the first HTTPS one, `node:crypto` on the first webhook. Importing
 * `@flare/node` then costs little more than parsing it (see `pnpm bench`, import cost), and an
 * app that only enqueues jobs never loads `node:crypto` for it.
 *
 * `process.getBuiltinModule` (Node ≥ 20.16) loads synchronously from ESM and CommonJS alike;
 * older Node gets a `require` (a built-in resolves the same from any base path). Either returns
 * the module object itself, so a later patch of `http.request` (msw, APM agents) is seen.
 */
const load: (id: string) => unknown =
  (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.bind(process) ??
  createRequire('/');

let http: typeof import('node:http') | undefined;
let https: typeof import('node:https') | undefined;
let crypto: typeof import('node:crypto') | undefined;
let events: typeof import('node:events') | undefined;
let os: typeof import('node:os') | undefined;

/** `node:http`, loaded on first call. */
export const nodeHttp = (): typeof import('node:http') =>
  (http ??= load('node:http') as typeof import('node:http'));

/** `node:https`, loaded on first call. */
export const nodeHttps = (): typeof import('node:https') =>
  (https ??= load('node:https') as typeof import('node:https'));

/** `node:events` (always loaded by Node itself), on first call. */
export const nodeEvents = (): typeof import('node:events') =>
  (events ??= load('node:events') as typeof import('node:events'));

/** `node:crypto`, loaded on first call. */
export const nodeCrypto = (): typeof import('node:crypto') =>
  (crypto ??= load('node:crypto') as typeof import('node:crypto'));

/** `node:os`, loaded on first call (a worker's default id). */
export const nodeOs = (): typeof import('node:os') =>
  (os ??= load('node:os') as typeof import('node:os'));
