import { createRequire } from 'node:module';
import { DEFAULT_BASE_URL, FlareClient, type FlareClientOptions } from '@flare/core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { RunningServer } from './adapters/http-server.js';
import { FakeFlare } from './fake-flare.js';
import type { FakeFlareOptions } from './options.js';

/**
 * Options of `useFakeFlare`: the fake's own, plus how to serve it.
 * @example
 * ```ts
 * useFakeFlare({ via: 'msw', webhooks: { secret: 'whsec_test' } });
 * ```
 */
export interface UseFakeFlareOptions extends FakeFlareOptions {
  /** `http` (default): a real server on 127.0.0.1; `msw`: msw's `setupServer` on `baseUrl`. */
  via?: 'http' | 'msw' | undefined;
  /** With `via: 'msw'`: the base URL to intercept. Default `https://api.zeridion.com`. */
  baseUrl?: string | undefined;
}

/**
 * What `useFakeFlare` returns: the fake, and ready-made client settings.
 * @example
 * ```ts
 * const flare = useFakeFlare();
 * it('works', async () => {
 *   const client = new FlareClient(flare.clientOptions()); // from @flare/node
 * });
 * ```
 */
export interface FakeFlareHandle {
  fake: FakeFlare;
  /** The base URL clients must use (valid once `beforeAll` has run). */
  readonly url: string;
  /** Options for a `FlareClient` of any Flare package: key, base URL, millisecond retry waits. */
  clientOptions(overrides?: FlareClientOptions): FlareClientOptions;
  /** A `FlareClient` (from `@flare/core`, `fetch` transport) talking to the fake. */
  client(overrides?: FlareClientOptions): FlareClient;
}

/**
 * Wires a `FakeFlare` into the enclosing vitest suite: starts it in `beforeAll`, resets it after
 * each test, stops it in `afterAll`.
 * @example
 * ```ts
 * import { useFakeFlare } from '@flare/testing/vitest';
 * import { FlareClient } from '@flare/node';
 *
 * const flare = useFakeFlare();
 *
 * it('enqueues a welcome email', async () => {
 *   await signUp(new FlareClient(flare.clientOptions()), 'alice@example.com');
 *   expect(flare.fake.jobs).toMatchObject([{ job_type: 'SendWelcomeEmail' }]);
 * });
 * ```
 */
export function useFakeFlare(options: UseFakeFlareOptions = {}): FakeFlareHandle {
  const { via = 'http', baseUrl = DEFAULT_BASE_URL, ...fakeOptions } = options;
  const fake = new FakeFlare(fakeOptions);
  let server: RunningServer | undefined;
  let msw: { close(): void } | undefined;
  let url: string | undefined;

  beforeAll(async () => {
    if (via === 'msw') {
      const { setupServer } = createRequire(import.meta.url)(
        'msw/node',
      ) as typeof import('msw/node');
      const s = setupServer(...fake.handlers(baseUrl));
      s.listen({ onUnhandledRequest: 'bypass' });
      msw = s;
      url = baseUrl;
    } else {
      server = await fake.listen({ quiet: true }); // one line per suite would only be noise
      url = server.url;
    }
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    msw?.close();
    await server?.close();
  });

  const handle: FakeFlareHandle = {
    fake,
    get url() {
      if (url === undefined)
        throw new Error('useFakeFlare: the fake starts in beforeAll; read url inside a test');
      return url;
    },
    clientOptions: (overrides = {}) => ({
      apiKey: fake.apiKeys[0],
      baseUrl: handle.url,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 50,
      ...overrides,
    }),
    client: (overrides) => new FlareClient(handle.clientOptions(overrides)),
  };
  return handle;
}
