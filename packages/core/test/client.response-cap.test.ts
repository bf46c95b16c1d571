// maxResponseBytes is a cap in bytes, not characters: a UTF-8 body of two-byte characters is twice
// as long on the wire as it is in JavaScript, and only the wire length bounds what gets buffered.
// Each body below is sized so that counting decoded characters would let it through.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FlareClient, ResponseTooLargeError } from '../src/index.js';
import { BASE, job, KEY, rejection } from './helpers.js';

const CAP = 1024;
const utf8 = new TextEncoder();

/** 1,208 bytes but 608 characters: `{"s":"éé…é"}`. */
const OVER = JSON.stringify({ s: 'é'.repeat(600) });

/** A job whose JSON is exactly `bytes` long, padded with two-byte characters. */
function jobOfBytes(bytes: number) {
  const base = utf8.encode(JSON.stringify(job({ id: 'job_1', payload: { s: '' } }))).byteLength;
  const pad = bytes - base;
  const s = 'é'.repeat(Math.floor(pad / 2)) + (pad % 2 ? 'x' : '');
  const text = JSON.stringify(job({ id: 'job_1', payload: { s } }));
  expect(utf8.encode(text).byteLength).toBe(bytes);
  expect(text.length).toBeLessThan(CAP);
  return { text, s };
}

/** The body's bytes in chunks of `size`; an odd size splits two-byte characters across chunks. */
function chunksOf(text: string, size = 101): Uint8Array[] {
  const bytes = utf8.encode(text);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

const jsonHeaders = (headers: Record<string, string>) =>
  new Headers({ 'content-type': 'application/json', ...headers });

/**
 * Two responses a `fetch` may answer with: the platform's, over a WHATWG stream, and
 * node-fetch's, whose body is a Node stream. `stopped` tells whether the reader let go of it.
 */
const responses = {
  'a ReadableStream (platform fetch)': (text: string, headers: Record<string, string>) => {
    const chunks = chunksOf(text);
    let cancelled = false;
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
      cancel() {
        cancelled = true;
      },
    });
    return {
      response: new Response(body, { status: 200, headers: jsonHeaders(headers) }),
      stopped: () => cancelled,
      pulled: () => pulled,
    };
  },
  'a Node Readable (node-fetch)': (text: string, headers: Record<string, string>) => {
    let pulled = 0;
    const body = Readable.from(
      (function* () {
        for (const chunk of chunksOf(text)) {
          pulled++;
          yield chunk;
        }
      })(),
    );
    const response = {
      status: 200,
      headers: jsonHeaders(headers),
      body,
      text: () => Promise.reject(new Error('text() must not be used while a cap is set')),
    } as unknown as Response;
    return { response, stopped: () => body.destroyed, pulled: () => pulled };
  },
};

describe.each(Object.entries(responses))('the response cap with %s', (_kind, respond) => {
  function fetchAnswering(text: string, headers: Record<string, string> = {}) {
    const made = respond(text, headers);
    let calls = 0;
    const fetch = (async () => {
      calls++;
      return made.response;
    }) as typeof globalThis.fetch;
    return { fetch, stopped: made.stopped, pulled: made.pulled, calls: () => calls };
  }

  const client = (fetch: typeof globalThis.fetch, maxResponseBytes = CAP) =>
    new FlareClient({ apiKey: KEY, baseUrl: BASE, fetch, retryBaseDelayMs: 1, maxResponseBytes });

  it('refuses a streamed multi-byte body over the cap in bytes though under it in characters', async () => {
    expect(utf8.encode(OVER).byteLength).toBe(1208);
    expect(OVER.length).toBe(608);
    const answer = fetchAnswering(OVER);
    const err = await rejection(client(answer.fetch).getJob('job_1'));
    expect(ResponseTooLargeError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ status: 200, attempts: 1, maxResponseBytes: CAP });
    expect(answer.calls()).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(answer.stopped()).toBe(true);
  });

  it('refuses the same body declared by its Content-Length, in bytes, before reading it', async () => {
    const answer = fetchAnswering(OVER, { 'content-length': '1208' });
    const err = await rejection(client(answer.fetch).getJob('job_1'));
    expect(ResponseTooLargeError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ status: 200, attempts: 1, maxResponseBytes: CAP });
    await new Promise((r) => setImmediate(r));
    // Nothing read: at most the one chunk a ReadableStream pulls for its own queue.
    expect(answer.pulled()).toBeLessThanOrEqual(1);
    expect(answer.stopped()).toBe(true);
  });

  it.each([
    ['streamed', false],
    ['with its Content-Length', true],
  ])('takes a multi-byte body of exactly the cap, %s, intact', async (_how, declared) => {
    const { text, s } = jobOfBytes(CAP);
    const answer = fetchAnswering(text, declared ? { 'content-length': String(CAP) } : {});
    const got = await client(answer.fetch).getJob('job_1');
    expect(got?.payload).toEqual({ s });
  });

  it.each([
    ['streamed', false],
    ['with its Content-Length', true],
  ])('refuses a multi-byte body one byte over the cap, %s', async (_how, declared) => {
    const { text } = jobOfBytes(CAP + 1);
    const answer = fetchAnswering(text, declared ? { 'content-length': String(CAP + 1) } : {});
    const err = await rejection(client(answer.fetch).getJob('job_1'));
    expect(ResponseTooLargeError.isInstance(err)).toBe(true);
  });
});
