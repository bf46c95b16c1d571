import { ResponseTooLargeError } from '../errors/response-too-large-error.js';

/**
 * Reads a `fetch` body stream as UTF-8 text, stopping (and cancelling the stream) as soon as it
 * passes `maxBytes`, so an endless body never gets buffered. `maxBytes` 0 means no cap.
 * @example
 * ```ts
 * const text = await readCapped(response, 10 * 1024 * 1024);
 * ```
 */
export async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (maxBytes > 0) {
    const declared = Number(response.headers.get('content-length'));
    if (declared > maxBytes) {
      // Don't await the cancel: some stream sources never settle it.
      response.body?.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(maxBytes);
    }
  }
  if (!response.body) return '';
  if (maxBytes === 0) return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return decodeChunks(chunks, total);
}

const decoder = new TextDecoder();

function decodeChunks(chunks: Uint8Array[], total: number): string {
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decoder.decode(all);
}
