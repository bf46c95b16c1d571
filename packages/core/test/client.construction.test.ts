// The client's constructor: the API key from the environment, option checks, and a key never shown.
import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { AuthError, FlareClient, FlareError } from '../src/index.js';
import { apiError, BASE, job, KEY, rejection } from './helpers.js';
import { client, record, type Seen } from './msw-client.js';
import { useMswServer } from './msw-server.js';

const server = useMswServer();

describe('construction', () => {
  it('reads FLARE_API_KEY from the environment', async () => {
    vi.stubEnv('FLARE_API_KEY', 'zf_test_sk_from_env');
    const seen: Seen[] = [];
    server.use(
      http.get(`${BASE}/v1/jobs/:id`, async (i) => {
        await record(seen)(i);
        return HttpResponse.json(job());
      }),
    );
    await new FlareClient({ baseUrl: BASE }).getJob('job_1');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer zf_test_sk_from_env');
    vi.unstubAllEnvs();
  });

  it('treats an empty apiKey (an env var set but empty) as missing, and says how to pass one', () => {
    expect(() => new FlareClient({ apiKey: '' })).toThrow(/No API key: set FLARE_API_KEY/);
  });

  it('fails at construction, saying how, when no key is given', () => {
    vi.stubEnv('FLARE_API_KEY', '');
    expect(() => new FlareClient()).toThrow(FlareError);
    expect(() => new FlareClient()).toThrow(/FLARE_API_KEY/);
    expect(() => new FlareClient()).toThrow(/env\.FLARE_API_KEY/);
    vi.unstubAllEnvs();
  });

  it.each([
    [{ maxRetries: -1 }, /maxRetries/],
    [{ maxRetries: 1.5 }, /maxRetries/],
    [{ timeoutMs: 0 }, /timeoutMs/],
    [{ maxResponseBytes: '10' }, /maxResponseBytes/],
    [{ baseUrl: 'api.zeridion.com' }, /baseUrl/],
    [{ baseUrl: 'ftp://x' }, /baseUrl/],
    [{ apiKey: 'zf_test_sk_a b' }, /printable ASCII without spaces/],
    [{ apiKey: 'zf_test_sk_a\nb' }, /without spaces or line breaks/],
    // A pasted smart quote: no HTTP header can carry it, so every call would fail as a network error.
    [{ apiKey: 'zf_test_sk_abc\u201d' }, /printable ASCII without spaces/],
    [{ apiKey: 'zf_test_sk_é' }, /printable ASCII without spaces/],
    [{ maxRetries: Number.NaN }, /maxRetries/],
    [{ timeoutMs: Number.NaN }, /timeoutMs/],
    // Not callable: every call would otherwise fail as a retried "Could not reach Flare".
    [{ fetch: 'https://api.zeridion.com' }, /^fetch must be a function$/],
    [{ fetch: {} }, /^fetch must be a function$/],
    [{ transport: { send() {} } }, /^transport must be a function$/],
    [{ transport: 42, fetch: globalThis.fetch }, /^transport must be a function$/],
  ])('rejects bad option %o', (opts, message) => {
    expect(() => new FlareClient({ apiKey: KEY, ...(opts as object) })).toThrow(message);
  });

  it('trims the apiKey option as it trims FLARE_API_KEY (a pasted trailing newline)', async () => {
    const seen: string[] = [];
    const flare = new FlareClient({
      apiKey: `  ${KEY}\r\n`,
      baseUrl: BASE,
      fetch: async (_url, init) => {
        seen.push(new Headers(init?.headers).get('authorization')!);
        return Response.json({ object: 'list', jobs: [], has_more: false, next_cursor: null });
      },
    });
    await flare.listJobs();
    expect(seen).toEqual([`Bearer ${KEY}`]);
  });

  it.each([
    ['https://api.zeridion.com/v1', 'https://api.zeridion.com'],
    ['https://api.zeridion.com/v1/', 'https://api.zeridion.com'],
    ['https://gw.example.com/flare/v1', 'https://gw.example.com/flare'],
    ['https://gw.example.com/flare/', 'https://gw.example.com/flare'],
  ])('accepts baseUrl %s as %s (paths already start with /v1)', (baseUrl, expected) => {
    expect(new FlareClient({ apiKey: KEY, baseUrl }).baseUrl).toBe(expected);
  });

  const rule = 'must be an http(s) URL without credentials, query or fragment';
  it.each([
    [
      'https://user:zf_live_sk_leak@api.zeridion.com',
      `baseUrl "https://***@api.zeridion.com" ${rule}`,
    ],
    ['https://:zf_live_sk_leak@api.zeridion.com', `baseUrl "https://***@api.zeridion.com" ${rule}`],
    [
      'https://api.zeridion.com/?key=zf_live_sk_leak',
      `baseUrl "https://api.zeridion.com/***" ${rule}`,
    ],
    ['https://api.zeridion.com/#zf_live_sk_leak', `baseUrl "https://api.zeridion.com/***" ${rule}`],
    ['ftp://api.zeridion.com', `baseUrl "ftp://api.zeridion.com" ${rule}`],
    [
      'api.zeridion.com',
      `baseUrl "api.zeridion.com" ${rule}: did you mean "https://api.zeridion.com"?`,
    ],
    [
      'user:zf_live_sk_leak@localhost:8080',
      `baseUrl "***@localhost:8080" ${rule}: did you mean "https://***@localhost:8080"?`,
    ],
  ])('refuses baseUrl %s, naming it without a credential', (baseUrl, message) => {
    const run = () => new FlareClient({ apiKey: KEY, baseUrl });
    expect(run).toThrow(FlareError);
    let text = '';
    try {
      run();
    } catch (error) {
      text = (error as Error).message;
    }
    expect(text).toBe(message);
    expect(text).not.toContain('zf_live_sk_leak');
  });

  it('names a fetch or transport that is not a function, as a ValidationError with its param', () => {
    const error = (() => {
      try {
        new FlareClient({ apiKey: KEY, fetch: 'nope' as never });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ name: 'ValidationError', param: 'fetch' });
    // null and undefined mean "the default", as before; a transport makes fetch unused.
    expect(() => new FlareClient({ apiKey: KEY, fetch: null as never })).not.toThrow();
    const transport = async () => ({ status: 200, headers: new Headers(), text: async () => '{}' });
    expect(() => new FlareClient({ apiKey: KEY, transport, fetch: 1 as never })).not.toThrow();
  });

  it('never exposes the API key', async () => {
    const flare = client({ maxRetries: 0 });
    expect(JSON.stringify(flare)).not.toContain(KEY);
    expect(inspect(flare, { showHidden: true, depth: 5 })).not.toContain(KEY);
    expect(String(flare)).not.toContain(KEY);
    server.use(
      http.post(`${BASE}/v1/jobs`, () => apiError(401, 'authentication_error', 'invalid_api_key')),
    );
    const err = await rejection(flare.createJob({ job_type: 'A' }));
    expect(AuthError.isInstance(err)).toBe(true);
    for (const text of [
      err.message,
      err.stack,
      JSON.stringify(err),
      inspect(err, { depth: 5 }),
      String(err),
    ]) {
      expect(text).not.toContain(KEY);
    }
    const bad = (() => {
      try {
        // A line break inside the key (surrounding whitespace is trimmed, as FLARE_API_KEY's is).
        new FlareClient({ apiKey: `${KEY}\nx-evil: 1` });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(bad?.message).toMatch(/line breaks/);
    expect(bad?.message).not.toContain(KEY);
  });
});
