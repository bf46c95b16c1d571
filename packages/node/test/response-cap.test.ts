// The node:http transport caps a response in bytes, not characters: a UTF-8 body of two-byte
// characters is twice as long on the wire as in JavaScript, and only the wire length bounds what
// gets buffered. Each body below is sized so that counting decoded characters would differ.
import { FlareClient, ResponseTooLargeError } from '@flare/node';
import { startServer } from '@flare/test-support/local-server';
import { job, rejection } from '@flare/test-support/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CAP = 1024;

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const client = (opts: Record<string, unknown> = {}) =>
  new FlareClient({
    apiKey: 'zf_test_sk_node',
    baseUrl: server.url,
    retryBaseDelayMs: 1,
    maxResponseBytes: CAP,
    ...opts,
  });

/** 1,208 bytes but 608 characters: `{"s":"éé…é"}`. */
const OVER = JSON.stringify({ s: 'é'.repeat(600) });

/** A job whose JSON is exactly `bytes` long, padded with two-byte characters. */
function jobOfBytes(bytes: number) {
  const base = Buffer.byteLength(JSON.stringify(job({ id: 'job_1', payload: { s: '' } })));
  const pad = bytes - base;
  const s = 'é'.repeat(Math.floor(pad / 2)) + (pad % 2 ? 'x' : '');
  const text = JSON.stringify(job({ id: 'job_1', payload: { s } }));
  expect(Buffer.byteLength(text)).toBe(bytes);
  expect(text.length).toBeLessThan(CAP);
  return { text, s };
}

/**
 * Answers with `text` in 101-byte writes a few ms apart, so the client sees several `data` events
 * and two-byte characters split across them. `declared` sends a Content-Length (else the body is
 * chunked); `stallAfter` stops writing after that many chunks and never ends the response.
 */
function serve(text: string, { declared = false, stallAfter = Number.POSITIVE_INFINITY } = {}) {
  server.handle((_req, res) => {
    const bytes = Buffer.from(text);
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(declared ? { 'content-length': String(bytes.length) } : {}),
    });
    let sent = 0;
    const write = (offset: number) => {
      if (res.destroyed) return;
      if (offset >= bytes.length) return void res.end();
      if (sent++ === stallAfter) return;
      res.write(bytes.subarray(offset, offset + 101));
      setTimeout(() => write(offset + 101), 2);
    };
    write(0);
  });
}

describe('maxResponseBytes over node:http counts bytes', () => {
  it('refuses a streamed multi-byte body over the cap in bytes though under it in characters', async () => {
    expect(Buffer.byteLength(OVER)).toBe(1208);
    expect(OVER.length).toBe(608);
    serve(OVER);
    const err = await rejection(client().getJob('j'));
    expect(ResponseTooLargeError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ status: 200, attempts: 1, maxResponseBytes: CAP });
    expect(server.requests).toHaveLength(1);
  });

  it('refuses the same body from its Content-Length alone, in bytes, before reading it', async () => {
    // One chunk sent, then nothing: only the declared 1,208 bytes can tell it is too large.
    serve(OVER, { declared: true, stallAfter: 1 });
    const err = await rejection(client({ timeoutMs: 5_000, maxRetries: 0 }).getJob('j'));
    expect(ResponseTooLargeError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ status: 200, attempts: 1, maxResponseBytes: CAP });
  });

  it.each([
    ['streamed', false],
    ['with its Content-Length', true],
  ])('takes a multi-byte body of exactly the cap, %s, intact', async (_how, declared) => {
    const { text, s } = jobOfBytes(CAP);
    serve(text, { declared });
    const got = await client().getJob('job_1');
    expect(got?.payload).toEqual({ s });
  });

  it.each([
    ['streamed', false],
    ['with its Content-Length', true],
  ])('refuses a multi-byte body one byte over the cap, %s', async (_how, declared) => {
    serve(jobOfBytes(CAP + 1).text, { declared });
    const err = await rejection(client().getJob('job_1'));
    expect(ResponseTooLargeError.isInstance(err)).toBe(true);
  });
});
