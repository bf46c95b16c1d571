import http from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import {
  ResponseTooLargeError,
  TimeoutError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '@flare/core';

/**
 * Options of `nodeHttpTransport`.
 * @example
 * ```ts
 * nodeHttpTransport({ maxSockets: 32 });
 * ```
 */
export interface NodeTransportOptions {
  /** Most concurrent sockets per origin. Default 64. */
  maxSockets?: number;
  /** Idle keep-alive sockets kept per origin. Default 64. */
  maxFreeSockets?: number;
}

/**
 * The default transport of `@flare/node`: `node:http` / `node:https` with keep-alive agents
 * (about 3× faster than Node 20's global `fetch`). `node:https` loads on the first HTTPS call,
 * so importing the SDK stays cheap.
 *
 * @example
 * ```ts
 * const flare = new FlareClient({ transport: nodeHttpTransport({ maxSockets: 16 }) });
 * ```
 */
export function nodeHttpTransport(options: NodeTransportOptions = {}): Transport {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 64,
    maxFreeSockets: options.maxFreeSockets ?? 64,
    scheduling: 'lifo' as const,
  };
  const httpAgent = new http.Agent(agentOptions);
  let https: Promise<{ module: typeof import('node:https'); agent: HttpsAgent }> | undefined;
  return (req) => {
    // `module.request` is read on every call, so a later patch (msw, APM agents) is honoured.
    if (req.url.charCodeAt(4) !== 115 /* "s" of https */) {
      return send(http.request, httpAgent, req);
    }
    https ??= import('node:https').then(({ default: module }) => ({
      module,
      agent: new module.Agent(agentOptions),
    }));
    return https.then((h) => send(h.module.request as typeof http.request, h.agent, req));
  };
}

function send(
  request: typeof http.request,
  agent: http.Agent,
  req: TransportRequest,
): Promise<TransportResponse> {
  return new Promise((resolve, reject) => {
    const { signal } = req;
    if (signal?.aborted) return reject(signal.reason);
    const outgoing = request(req.url, { method: req.method, headers: req.headers, agent });
    let settled = false;
    let timedOut: TimeoutError | undefined;
    const onAbort = () => outgoing.destroy(signal?.reason);
    const cleanup = () => {
      settled = true;
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    let responded = false;
    const fail = (error: unknown) => {
      // After the response head, the body reader owns failures (the response emits them too).
      if (settled || responded) return;
      cleanup();
      reject(timedOut ?? (signal?.aborted ? signal.reason : error));
    };
    const timer =
      req.timeoutMs < 2 ** 31 - 1
        ? setTimeout(() => {
            timedOut = new TimeoutError(`Request timed out after ${req.timeoutMs} ms`);
            outgoing.destroy(timedOut);
          }, req.timeoutMs)
        : undefined;
    signal?.addEventListener('abort', onAbort, { once: true });
    outgoing.on('error', fail);
    outgoing.once('response', (res) => {
      responded = true;
      const headers = res.headers;
      resolve({
        status: res.statusCode ?? 0,
        headers: { get: (name) => headerValue(headers[name.toLowerCase()]) },
        text: () =>
          new Promise<string>((done, failBody) => {
            const cap = req.maxResponseBytes;
            const bail = (error: unknown) => {
              if (settled) return;
              cleanup();
              failBody(timedOut ?? (signal?.aborted ? signal.reason : error));
            };
            if (cap > 0 && Number(headers['content-length']) > cap) {
              res.destroy();
              return bail(new ResponseTooLargeError(cap));
            }
            const chunks: Buffer[] = [];
            let total = 0;
            res.on('data', (chunk: Buffer) => {
              total += chunk.length;
              if (cap > 0 && total > cap) {
                // Stop reading at once: nothing past the cap is buffered.
                res.destroy();
                bail(new ResponseTooLargeError(cap));
                return;
              }
              chunks.push(chunk);
            });
            res.once('end', () => {
              if (settled) return;
              cleanup();
              done(
                chunks.length === 1
                  ? chunks[0]!.toString('utf8')
                  : Buffer.concat(chunks, total).toString('utf8'),
              );
            });
            res.on('error', bail);
            res.once('close', () => {
              if (!res.complete)
                bail(new Error('Connection closed before the response body ended'));
            });
          }),
      });
    });
    outgoing.end(req.body);
  });
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return typeof value === 'string' ? value : value.join(', ');
}
