import { ResponseTooLargeError } from '../errors/response-too-large-error.js';
import { ignore } from '../internal/ignore.js';

/** `true` in the edge build (conditions workerd, edge-light, worker), `false` elsewhere: tsup.config.ts. */
declare const __FLARE_EDGE__: boolean;

/**
 * Reads a `fetch` body as UTF-8 text, stopping (and cancelling the stream) as soon as it passes
 * `maxBytes`, so an endless body never gets buffered. `maxBytes` 0 means no cap.
 * @example
 * ```ts
 * const text = await readCapped(response, 10 * 1024 * 1024);
 * ```
 */
export async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const body = response.body as ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null;
  if (!maxBytes || !body) return response.text();
  // A fetch body is a ReadableStream; node-fetch's is a Node stream, read through its iterator.
  // (No node-fetch on an edge runtime: the edge build keeps only the first.)
  const reader =
    __FLARE_EDGE__ || 'getReader' in body
      ? (body as ReadableStream<Uint8Array>).getReader()
      : iteratorReader(body);
  const tooLarge = () => {
    // Don't await a cancel: some stream sources never settle it.
    reader.cancel().catch(ignore);
    return new ResponseTooLargeError(maxBytes);
  };
  if (+response.headers.get('content-length')! > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  for (let total = 0; ; ) {
    const { done, value } = await reader.read();
    // UTF-8, as response.text() decodes it.
    if (done) return new Blob(chunks as BlobPart[]).text();
    total += value.byteLength;
    if (total > maxBytes) throw tooLarge();
    chunks.push(value);
  }
}

/** A Node stream's async iterator behind the two `ReadableStreamDefaultReader` methods used above. */
function iteratorReader(body: AsyncIterable<Uint8Array> & { destroy?: () => void }) {
  const chunks = body[Symbol.asyncIterator]();
  return {
    read: () => chunks.next(),
    // A Node stream is destroyed (an iterator never started ignores `return()`); any other
    // iterable is told to stop.
    cancel: async () => void (body.destroy ? body.destroy() : await chunks.return?.()),
  };
}
