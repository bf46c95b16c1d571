import { ResponseTooLargeError } from '../errors/response-too-large-error.js';

/**
 * Reads a `fetch` body as UTF-8 text, stopping (and cancelling the stream) as soon as it passes
 * `maxBytes`, so an endless body never gets buffered. `maxBytes` 0 means no cap.
 * @example
 * ```ts
 * const text = await readCapped(response, 10 * 1024 * 1024);
 * ```
 */
export async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const { body } = response;
  if (!maxBytes || !body) return response.text();
  const reader = body.getReader();
  const tooLarge = () => {
    // Don't await a cancel: some stream sources never settle it.
    reader.cancel().catch(() => undefined);
    return new ResponseTooLargeError(maxBytes);
  };
  if (+response.headers.get('content-length')! > maxBytes) throw tooLarge();
  const decoder = new TextDecoder();
  let text = '';
  for (let total = 0; ; ) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    total += value.byteLength;
    if (total > maxBytes) throw tooLarge();
    text += decoder.decode(value, { stream: true });
  }
}
