import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Dispatcher } from '../dispatcher.js';
import type { FakeResponse } from '../engine/types.js';
import { serialise } from './serialise.js';

/**
 * Where `fake.listen()` serves.
 * @example
 * ```ts
 * await fake.listen({ port: 4010, host: '127.0.0.1' });
 * ```
 */
export interface ListenOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number | undefined;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string | undefined;
  /** Don't print the `Dashboard: …` line on start. Default false. */
  quiet?: boolean | undefined;
}

/**
 * A running fake server.
 * @example
 * ```ts
 * const server = await fake.listen();
 * console.log(server.url); // http://127.0.0.1:54321
 * await server.close();
 * ```
 */
export interface RunningServer {
  /** `http://host:port`, the `baseUrl` to give clients. */
  url: string;
  /** The live dashboard: `http://host:port/_fake/ui`. */
  dashboardUrl: string;
  host: string;
  port: number;
  /** Stops listening and drops every open connection. */
  close(): Promise<void>;
}

/** Extra routes served before the API (the `/_fake/*` control API). */
export type ControlRoutes = (
  method: string,
  url: URL,
  body: string,
) => FakeResponse | Promise<FakeResponse> | undefined;

/** Routes that write their own long-lived response (server-sent events); `true` when handled. */
export type StreamRoutes = (method: string, url: URL, res: http.ServerResponse) => boolean;

/** Serves a dispatcher on `node:http`, applying socket faults (reset, truncate, oversize). */
export async function listen(
  dispatcher: Dispatcher,
  options: ListenOptions = {},
  control?: ControlRoutes,
  stream?: StreamRoutes,
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      // A throwing onExchange hook, say: answer rather than leave the client hanging.
      if (res.headersSent) return void res.destroy();
      const message = `The fake failed: ${error instanceof Error ? error.message : String(error)}`;
      const body = {
        error: { type: 'api_error', code: 'internal_error', message, request_id: 'fake' },
      };
      write(res, {
        status: 500,
        headers: { 'content-type': 'application/json', 'x-request-id': 'fake' },
        body,
      });
    });
  });
  const serve = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const early = new URL(req.url ?? '/', 'http://fake.invalid');
    if (early.pathname.startsWith('/_fake/') && stream?.(req.method ?? 'GET', early, res)) return;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = req.method ?? 'GET';
    const own = url.pathname.startsWith('/_fake/') ? await control?.(method, url, body) : undefined;
    if (own) return write(res, own);
    const signal = clientGone(res);
    const { response, socket } = await dispatcher.dispatch({
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      signal,
    });
    if (signal.aborted) return; // the client went away: no one to answer
    if (!response || socket === 'reset') {
      req.socket.destroy();
      return;
    }
    write(res, response, socket);
  };
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}`;
  return {
    url,
    dashboardUrl: `${url}/_fake/ui`,
    host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Aborts when the connection closes before the response has been written (the client left). */
function clientGone(res: http.ServerResponse): AbortSignal {
  const controller = new AbortController();
  if (!res.socket || res.socket.destroyed) controller.abort();
  else {
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
  }
  return controller.signal;
}

function write(
  res: http.ServerResponse,
  response: FakeResponse,
  socket?: 'truncate' | { oversize: number },
): void {
  const text = serialise(response);
  if (socket === undefined) {
    // The usual answer: written as text, without first copying it into a buffer of its own.
    res.writeHead(response.status, {
      ...response.headers,
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
    return;
  }
  let bytes = Buffer.from(text);
  if (typeof socket === 'object' && socket.oversize > bytes.length) {
    bytes = Buffer.concat([bytes, Buffer.alloc(socket.oversize - bytes.length, 0x20)]);
  }
  res.writeHead(response.status, { ...response.headers, 'content-length': bytes.length });
  if (socket === 'truncate') {
    // Half the promised bytes, then the connection drops: the client sees a short body.
    res.write(bytes.subarray(0, bytes.length >> 1), () => res.socket?.destroy());
    return;
  }
  res.end(bytes);
}
