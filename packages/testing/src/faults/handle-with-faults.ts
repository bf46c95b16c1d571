import { errorCode, errorType } from '../engine/api-failure.js';
import type { Engine } from '../engine/engine.js';
import type { FakeRequest, FakeResponse } from '../engine/types.js';
import { DEFAULT_OVERSIZE_BYTES, type Fault } from './fault.js';
import type { FaultRegistry } from './fault-registry.js';

/** What a front must do on the socket after the engine has answered. */
export type SocketFault = 'reset' | 'truncate' | { oversize: number } | undefined;

/** An answer plus the socket-level misbehaviour the front applies; no response means reset. */
export interface Dispatched {
  response: FakeResponse | undefined;
  socket: SocketFault;
  fault: Fault | undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs one request through the injected faults and the engine. Status faults and resets happen
 * before the engine sees the request unless `afterProcessing`; delays hold the request after its
 * idempotency key is reserved; truncation and oversize are left to the front.
 */
export async function handleWithFaults(
  engine: Engine,
  faults: FaultRegistry,
  request: FakeRequest,
): Promise<Dispatched> {
  const fault = faults.take(request.method, request.path);
  if (!fault) return { response: await engine.handle(request), socket: undefined, fault };
  const hold = fault.delayMs ? () => sleep(fault.delayMs!) : undefined;
  const replaces = fault.status !== undefined || fault.reset === true;
  let response: FakeResponse | undefined;
  if (replaces && !fault.afterProcessing) await hold?.();
  else response = await engine.handle(request, { hold });
  if (fault.reset) return { response, socket: 'reset', fault };
  if (fault.status !== undefined) response = injected(engine, request, fault);
  const socket: SocketFault = fault.truncate
    ? 'truncate'
    : fault.oversize
      ? { oversize: fault.oversize === true ? DEFAULT_OVERSIZE_BYTES : fault.oversize }
      : undefined;
  return { response, socket, fault };
}

/** The response a status fault sends: the contract's error body unless one was given. */
function injected(engine: Engine, request: FakeRequest, fault: Fault): FakeResponse {
  const status = fault.status!;
  const headers: Record<string, string> = {};
  if (status === 429) headers['retry-after'] = '1';
  if (typeof fault.body === 'string') headers['content-type'] = 'text/plain; charset=utf-8';
  for (const [k, v] of Object.entries(fault.headers ?? {})) headers[k.toLowerCase()] = v;
  return engine.dress(
    request,
    status,
    (requestId) =>
      fault.body !== undefined
        ? fault.body
        : {
            error: {
              type: errorType(status),
              code: errorCode(status),
              message: `Injected fault: ${status} for ${request.method} ${request.path}`,
              request_id: requestId,
            },
          },
    headers,
  );
}
