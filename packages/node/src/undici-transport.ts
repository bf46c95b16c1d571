import {
  FlareError,
  ResponseTooLargeError,
  TimeoutError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '@flare/core';
import type { Dispatcher, Pool } from 'undici';
import { Deadlines } from './deadlines.js';
import { originOf } from './origin.js';
import { liftListenerLimit } from './shared-signal.js';

/**
 * Options of `undiciTransport`.
 * @example
 * ```ts
 * undiciTransport({ connections: 32 });
 * ```
 */
export interface UndiciTransportOptions {
  /** Most connections per origin. Default 64. */
  connections?: number;
}

interface Undici {
  Pool: typeof Pool;
  request: (
    this: Dispatcher,
    options: Dispatcher.RequestOptions,
  ) => Promise<Dispatcher.ResponseData>;
}
let loading: Promise<Undici> | undefined;
/**
 * undici's `Pool` and its `request` (which undici's index adds to every dispatcher), loaded with
 * the first request rather than at import: they cost ~20 ms to load on an idle machine.
 */
const load = (): Promise<Undici> =>
  (loading ??= Promise.all([
    import('undici/lib/dispatcher/pool.js'),
    import('undici/lib/api/api-request.js'),
  ]).then(
    ([pool, api]) => ({ Pool: pool.default, request: api.default }),
    (cause) => {
      loading = undefined;
      throw new FlareError(
        `undiciTransport() needs the undici package (an optional peer of @flare/node): npm install undici@6 (${(cause as Error)?.message ?? cause})`,
        { cause },
      );
    },
  ));

/**
 * A transport on undici's `Pool`: keep-alive connections per origin, with undici's HTTP/1.1
 * client in place of `node:http`. It sends more requests per second than `node:http` at high
 * concurrency (see `pnpm bench`), but its requests do not go through `http.request`: msw's
 * Node interception and APM agents that patch `node:http` do not see them. Choose it for
 * high-throughput producers where neither applies. undici loads with the first request.
 *
 * @example
 * ```ts
 * import { FlareClient, undiciTransport } from '@flare/node';
 * const flare = new FlareClient({ transport: undiciTransport() });
 * ```
 */
export function undiciTransport(options: UndiciTransportOptions = {}): Transport {
  const pools = new Map<string, Pool>();
  const deadlines = new Deadlines();
  let undici: Undici | undefined;
  return async (req) => {
    undici ??= await load();
    const target = originOf(req.url);
    let pool = pools.get(target.origin);
    if (!pool) {
      pool = new undici.Pool(target.origin, { connections: options.connections ?? 64 });
      pools.set(target.origin, pool);
    }
    const path = req.url.length > target.origin.length ? req.url.slice(target.origin.length) : '/';
    return send(undici.request, pool, deadlines, req, path);
  };
}

const ignore = () => undefined;

/** One attempt: the caller's abort and the deadline both abort undici's request. */
async function send(
  request: Undici['request'],
  pool: Pool,
  deadlines: Deadlines,
  req: TransportRequest,
  path: string,
): Promise<TransportResponse> {
  const { signal, maxResponseBytes: cap } = req;
  if (signal?.aborted) throw signal.reason;
  const controller = new AbortController();
  let timedOut: TimeoutError | undefined;
  const onAbort = () => controller.abort(signal?.reason);
  if (signal) {
    liftListenerLimit(signal);
    signal.addEventListener('abort', onAbort, { once: true });
  }
  const cancelTimer =
    req.timeoutMs < Number.POSITIVE_INFINITY
      ? deadlines.add(req.timeoutMs, () => {
          timedOut = new TimeoutError(`Request timed out after ${req.timeoutMs} ms`);
          controller.abort(timedOut);
        })
      : undefined;
  // Every end of the attempt comes here once; the deadline or the caller's abort, when either
  // caused the failure, is what is reported.
  const end = (error?: unknown) => {
    cancelTimer?.();
    signal?.removeEventListener('abort', onAbort);
    return error && (timedOut ?? (signal?.aborted ? signal.reason : error));
  };
  let res: Dispatcher.ResponseData;
  try {
    res = await request.call(pool, {
      method: req.method,
      path,
      headers: headersOf(req),
      body: req.body ?? null,
      signal: controller.signal,
      // The attempt's deadline covers head and body; undici's own timers would only differ.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  } catch (error) {
    throw end(error);
  }
  const get = (name: string) => {
    const value = res.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  // The body is read at once, like node:http's, so the deadline and the cap apply to it.
  const stream = res.body;
  const body = new Promise<string>((resolve, reject) => {
    let failed = false;
    // Once: destroying the stream makes it emit an error of its own, which lands here again.
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      stream.destroy();
      reject(end(error));
    };
    stream.on('error', fail);
    if (cap > 0 && Number(get('content-length')) > cap) return fail(new ResponseTooLargeError(cap));
    const chunks: Buffer[] = [];
    let total = 0;
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      // Stop reading at once: nothing past the cap is buffered.
      if (cap > 0 && total > cap) return fail(new ResponseTooLargeError(cap));
      chunks.push(chunk);
    });
    stream.on('end', () => {
      end();
      // undici frees the connection for the pool a moment after the body ends (its 'drain' is a
      // queued microtask): answering one turn later lets the caller's next request reuse it
      // instead of opening a second connection.
      setImmediate(resolve, Buffer.concat(chunks, total).toString('utf8'));
    });
  });
  // Surfaced through text(); never an unhandled rejection of its own.
  body.catch(ignore);
  return { status: res.statusCode, headers: { get }, text: () => body };
}

/** The headers to send; the body's length is undici's to say. */
function headersOf(req: TransportRequest): Record<string, string> {
  if (!('content-length' in req.headers)) return req.headers;
  const { 'content-length': _, ...rest } = req.headers;
  return rest;
}
