import type { EngineContext } from './context.js';
import type { Fields } from './validation/check.js';

/** What an operation receives once routing, auth, body parsing and idempotency are done. */
export interface OperationInput {
  /** The `{id}` path segment, decoded. */
  id: string;
  query: Map<string, string[]>;
  /** The JSON object body; `undefined` when the request had none. */
  body: Fields | undefined;
  /** The length of the JSON text `body` was parsed from (0 without a body); see `check.sized`. */
  bodyChars: number;
  /** The API key the request authenticated with. */
  apiKey: string;
  /** The response's `X-Request-Id` (batch answers put it in each item's error). */
  requestId: string;
  /** Aborts when the client goes away (long polls stop waiting). */
  signal?: AbortSignal | undefined;
}

/** An operation's successful answer. */
export interface OperationResult {
  status: number;
  body: unknown;
  /**
   * For an answer kept for idempotent replays when keeping `body` itself would hold more than
   * needed (a batch's fresh copies of every job): builds a new body, equal to `body` as JSON, for
   * each replay.
   */
  replay?: (() => unknown) | undefined;
}

/** One endpoint of the contract. May be async (long polls, injected delays). */
export type Operation = (
  ctx: EngineContext,
  input: OperationInput,
) => OperationResult | Promise<OperationResult>;
