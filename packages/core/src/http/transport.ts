import type { HeaderReader } from '../retry/retry-delay.js';

/** One attempt of one API call, as handed to a transport. */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Absolute URL, query included. */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The JSON body, already serialised. */
  body: string | undefined;
  /** The caller's signal; when it aborts, the transport rejects with `signal.reason`. */
  signal: AbortSignal | undefined;
  /** Budget of this attempt in ms, body read included; past it the transport throws `TimeoutError`. */
  timeoutMs: number;
  /** Cap on the body; past it `text()` stops reading and throws `ResponseTooLargeError`. 0 = none. */
  maxResponseBytes: number;
}

/** The response to one attempt. */
export interface TransportResponse {
  status: number;
  headers: HeaderReader;
  /** Reads the whole body as UTF-8, honouring `maxResponseBytes` and the attempt's timeout. */
  text(): Promise<string>;
}

/**
 * The port every runtime plugs in: sends one attempt and resolves with the response. It throws
 * `TimeoutError` past `timeoutMs`, the signal's reason on abort, and any other error on a network
 * failure (the client wraps it in `ConnectionError`). Retries are the client's job, not the
 * transport's.
 *
 * @example
 * ```ts
 * const flare = new FlareClient({ transport: fetchTransport(myFetch) });
 * ```
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** The shape of the platform `fetch`. */
export type Fetch = typeof globalThis.fetch;
