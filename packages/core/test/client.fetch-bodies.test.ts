// A caller-supplied `fetch` need not be the platform's: node-fetch (used for proxy agents) answers
// with a Node stream as the body, not a ReadableStream. The response cap must hold on both.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FlareClient, ResponseTooLargeError } from '../src/index.js';
import { BASE, job, KEY, rejection } from './helpers.js';

/** A node-fetch-like response: a Node `Readable` body, Fetch API `Headers`. */
function nodeStreamResponse(status: number, body: Readable, headers: Record<string, string> = {}) {
  return {
    status,
    headers: new Headers({ 'content-type': 'application/json', ...headers }),
    body,
    text: () => Promise.reject(new Error('text() must not be used while a cap is set')),
  } as unknown as Response;
}

const client = (fetch: typeof globalThis.fetch, opts: Record<string, unknown> = {}) =>
  new FlareClient({ apiKey: KEY, baseUrl: BASE, fetch, retryBaseDelayMs: 1, ...opts });

describe('a fetch whose body is a Node stream (node-fetch)', () => {
  it('is read through the stream’s iterator, in chunks, multi-byte characters intact', async () => {
    const text = JSON.stringify(job({ id: 'job_1', payload: { name: 'Zoë 🚀' } }));
    const bytes = Buffer.from(text);
    // Split inside the multi-byte characters.
    const chunks = [
      bytes.subarray(0, text.indexOf('ë') + 1),
      bytes.subarray(text.indexOf('ë') + 1),
    ];
    let calls = 0;
    const fetch = (async () => {
      calls++;
      return nodeStreamResponse(200, Readable.from(chunks));
    }) as typeof globalThis.fetch;
    const got = await client(fetch).getJob('job_1');
    expect(got).toMatchObject({ id: 'job_1', payload: { name: 'Zoë 🚀' } });
    expect(calls).toBe(1);
  });

  it('stops an endless body at the cap, destroys the stream, and does not retry', async () => {
    const streams: Readable[] = [];
    const fetch = (async () => {
      const stream = Readable.from(
        (function* () {
          for (;;) yield Buffer.alloc(1024, 32);
        })(),
      );
      streams.push(stream);
      return nodeStreamResponse(200, stream);
    }) as typeof globalThis.fetch;
    const err = await rejection(client(fetch, { maxResponseBytes: 4096 }).getJob('job_1'));
    expect(ResponseTooLargeError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ status: 200, attempts: 1, maxResponseBytes: 4096 });
    expect(streams).toHaveLength(1);
    await new Promise((r) => setImmediate(r));
    expect(streams[0]!.destroyed).toBe(true);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const stream = Readable.from([Buffer.from('{}')]);
    const fetch = (async () =>
      nodeStreamResponse(200, stream, {
        'content-length': String(1 << 20),
      })) as typeof globalThis.fetch;
    const err = await rejection(client(fetch, { maxResponseBytes: 4096 }).getJob('job_1'));
    expect(ResponseTooLargeError.isInstance(err)).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(stream.destroyed).toBe(true);
  });
});
