import { FlareError } from '../errors/flare-error.js';

/** The signature header of a Fetch API `Request` (`null` when absent). */
export function readRequestHeader(request: unknown, name: string): string | null {
  const headers = (request as { headers?: { get?: unknown } } | null)?.headers;
  if (typeof headers?.get !== 'function' || typeof (request as Request).clone !== 'function') {
    throw new FlareError(
      'verifyWebhook `request` must be a Fetch API Request; in Node (Express, Fastify, node:http) ' +
        'pass { payload: rawBody, header, secret } instead.',
    );
  }
  return (headers as Headers).get(name);
}

/** The body of a `Request`, read from a clone so the caller can still read the original. */
export async function readRequestBody(request: Request): Promise<Uint8Array> {
  let clone: Request;
  try {
    if (request.bodyUsed) throw new TypeError('Body already used');
    clone = request.clone();
  } catch (cause) {
    throw new FlareError(
      'verifyWebhook cannot read the request body: it was already read. Verify before reading ' +
        'it, or pass the raw body you read as { payload, header, secret }.',
      { cause },
    );
  }
  return new Uint8Array(await clone.arrayBuffer());
}
