/** What msw's Node interceptor hands over as the raw request (an `http.ClientRequest`). */
interface RawClientRequest {
  readonly destroyed: boolean;
  once(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
}

/**
 * The raw `http.ClientRequest` behind an intercepted request, when msw's interceptor attached one
 * (`@mswjs/interceptors`' `getRawRequest`, keyed by a private symbol: found by its description
 * so the package needs no direct dependency on the interceptors).
 */
function rawClientRequest(request: Request): RawClientRequest | undefined {
  for (const key of Object.getOwnPropertySymbols(request)) {
    if (key.description !== 'kRawRequest') continue;
    const raw: unknown = Reflect.get(request, key);
    if (raw && typeof raw === 'object' && 'destroyed' in raw && 'once' in raw && 'off' in raw) {
      return raw as RawClientRequest;
    }
  }
  return undefined;
}

/**
 * Aborts when the client gives up on an intercepted request. A `fetch` client's abort reaches
 * `request.signal`; a `node:http` client (such as `@flare/node`) that destroys its request does
 * not, so the raw request's premature `close` (before any response exists) counts too.
 * `dispose` stops listening once the handler has its answer.
 */
export function clientSignal(request: Request): { signal: AbortSignal; dispose(): void } {
  const raw = rawClientRequest(request);
  if (!raw) return { signal: request.signal, dispose: () => {} };
  const gone = new AbortController();
  const abort = () => gone.abort();
  if (raw.destroyed) abort();
  else raw.once('close', abort);
  return {
    signal: AbortSignal.any([request.signal, gone.signal]),
    dispose: () => raw.off('close', abort),
  };
}
