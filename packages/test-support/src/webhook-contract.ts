// The webhook contract suite: every implementation of verifyWebhook (core on Web Crypto, @flare/node
// on node:crypto, @flare/edge in workerd and the edge runtime) runs these same cases, seeded by the
// shared vectors in spec/webhook-vectors.json. Runtime-neutral: no node: imports here.
import { describe, expect, it } from 'vitest';
import { type WebhookVector, webhookVectors } from './webhook-vectors.js';

/** The options the contract passes; every implementation's `verifyWebhook` must accept them. */
export type ContractVerifyOptions = {
  secret: string | string[];
  now?: number | Date;
  toleranceSec?: number;
} & ({ payload: string | Uint8Array | ArrayBuffer; header: string | null } | { request: Request });

/** An error class's brand check, as the package under test exports it. */
interface ErrorClass {
  isInstance(value: unknown): boolean;
}

/** What one implementation brings to the contract: its function and its error classes. */
export interface WebhookContractOptions {
  /** The package's `FlareError`: wrong arguments reject with one. */
  FlareError: ErrorClass;
  /** The package's `WebhookVerificationError`: a bad signature rejects with one. */
  WebhookVerificationError: ErrorClass;
  /** Whether `verify` also takes `{ request }` (a Fetch API `Request`). */
  supportsRequest?: boolean;
}

const { vectors, secret: SECRET, now: NOW, tolerance_sec: TOLERANCE } = webhookVectors;
const ALL_SECRETS = [webhookVectors.secret, webhookVectors.secondary_secret];
const VALID = vectors.find((v) => v.name === 'valid')!;
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Resolves to what `promise` rejected with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected verifyWebhook to reject, but it resolved'),
    (error: unknown) => error,
  );
}

async function expectOutcome(
  run: Promise<unknown>,
  vector: WebhookVector,
  errors: WebhookContractOptions,
): Promise<void> {
  if (vector.expect === 'valid') {
    await expect(run).resolves.toEqual(JSON.parse(vector.payload));
    return;
  }
  const error = await rejection(run);
  expect(errors.WebhookVerificationError.isInstance(error), String(error)).toBe(true);
  const { reason, message } = error as Error & { reason: string };
  expect(reason).toBe(vector.expect);
  for (const secret of ALL_SECRETS) expect(message).not.toContain(secret);
  if (vector.message_includes) expect(message).toContain(vector.message_includes);
}

/** Each form a raw body may take; the view sits at a non-zero offset of a larger buffer. */
const PAYLOAD_FORMS: [string, (payload: string) => string | Uint8Array | ArrayBuffer][] = [
  ['string', (p) => p],
  ['Uint8Array', (p) => utf8(p)],
  ['ArrayBuffer', (p) => utf8(p).buffer],
  [
    'Uint8Array view at an offset',
    (p) => {
      const bytes = utf8(p);
      const backing = new Uint8Array(bytes.length + 16).fill(0x7b); // '{' noise around the view
      backing.set(bytes, 7);
      return backing.subarray(7, 7 + bytes.length);
    },
  ],
];

/**
 * Registers the contract cases for one `verifyWebhook` implementation.
 * @example
 * ```ts
 * import { FlareError, verifyWebhook, WebhookVerificationError } from '@flare/node';
 * webhookContractSuite('node/node-crypto', verifyWebhook, {
 *   FlareError,
 *   WebhookVerificationError,
 *   supportsRequest: true,
 * });
 * ```
 */
export function webhookContractSuite(
  name: string,
  verify: (options: ContractVerifyOptions) => Promise<unknown>,
  opts: WebhookContractOptions,
): void {
  describe(`webhook contract: ${name}`, () => {
    describe('vectors', () => {
      for (const vector of vectors) {
        it(`${vector.name} → ${vector.expect}`, async () => {
          const { payload, header, secrets: secret, now } = vector;
          await expectOutcome(
            verify({ payload, header, secret, now, toleranceSec: TOLERANCE }),
            vector,
            opts,
          );
        });
      }
    });

    for (const [form, toPayload] of PAYLOAD_FORMS) {
      it(`gives the same outcome for every vector with the payload as ${form}`, async () => {
        for (const vector of vectors) {
          const { header, secrets: secret, now } = vector;
          await expectOutcome(
            verify({ payload: toPayload(vector.payload), header, secret, now }),
            vector,
            opts,
          );
        }
      });
    }

    it('accepts one secret as a string or a list, `now` as a Date, and the default tolerance', async () => {
      for (const vector of vectors.filter((v) => v.secrets.length === 1)) {
        const { payload, header } = vector;
        const now = new Date(vector.now * 1000);
        const run = verify({ payload, header, secret: vector.secrets[0]!, now });
        await expectOutcome(run, vector, opts);
      }
    });

    it('skips the timestamp check with toleranceSec: Infinity', async () => {
      for (const name of ['too_old', 'too_new']) {
        const { payload, header, secrets: secret, now } = vectors.find((v) => v.name === name)!;
        const run = verify({
          payload,
          header,
          secret,
          now,
          toleranceSec: Number.POSITIVE_INFINITY,
        });
        await expect(run).resolves.toEqual(JSON.parse(payload));
      }
      const { payload, header } = VALID;
      const late = { payload, header, secret: SECRET, now: NOW + 86_400 * 365 };
      await expect(verify({ ...late, toleranceSec: Infinity })).resolves.toBeDefined();
      await expect(verify(late)).rejects.toMatchObject({ reason: 'timestamp_too_old' });
    });

    if (opts.supportsRequest) {
      it('verifies a Request for every vector and leaves its body readable', async () => {
        for (const vector of vectors) {
          const headers = vector.header === null ? {} : { 'zeridion-signature': vector.header };
          const request = new Request('https://example.test/webhooks/flare', {
            method: 'POST',
            headers,
            body: vector.payload,
          });
          const { secrets: secret, now } = vector;
          const run = verify({ request, secret, now, toleranceSec: TOLERANCE });
          await expectOutcome(run, vector, opts);
          expect(request.bodyUsed).toBe(false);
          expect(await request.text()).toBe(vector.payload);
        }
      });
    }

    it('rejects a parsed or missing body with invalid_payload and says to pass the raw body', async () => {
      // undefined: a route where no raw body parser ran (Express 5's req.body).
      for (const parsed of [JSON.parse(VALID.payload), [1, 2], undefined, null]) {
        const error = await rejection(
          verify({ payload: parsed, header: VALID.header, secret: SECRET, now: NOW }),
        );
        expect(error).toMatchObject({ reason: 'invalid_payload' });
        expect((error as Error).message).toMatch(/raw (request )?body/);
      }
    });

    it('rejects several signature headers (an array, as node:http gives them) with malformed_header', async () => {
      const header = [VALID.header, VALID.header];
      const run = verify({ payload: VALID.payload, header, secret: SECRET, now: NOW } as never);
      expect(await rejection(run)).toMatchObject({ reason: 'malformed_header' });
    });

    it('throws a FlareError, not a verification error, for wrong arguments; never echoes a secret', async () => {
      const good = { payload: VALID.payload, header: VALID.header, secret: SECRET, now: NOW };
      const wrong: Record<string, unknown>[] = [
        { ...good, secret: '' },
        { ...good, secret: [] },
        { ...good, secret: [SECRET, ''] },
        { ...good, secret: undefined },
        { ...good, toleranceSec: -1 },
        { ...good, toleranceSec: Number.NaN },
        { ...good, payload: 42 },
        { ...good, now: Date.now() }, // milliseconds
        { ...good, now: new Date(Number.NaN) },
      ];
      for (const options of wrong) {
        const error = await rejection(verify(options as never));
        expect(opts.FlareError.isInstance(error), String(error)).toBe(true);
        expect(opts.WebhookVerificationError.isInstance(error)).toBe(false);
        expect((error as Error).message).not.toContain(SECRET);
      }
    });

    it('verifies 50 webhooks in parallel, across secrets', async () => {
      const rotated = vectors.find((v) => v.expect === 'valid' && v.secrets.length > 1)!;
      const runs = Array.from({ length: 50 }, (_, i) => {
        const vector = i % 2 === 0 ? VALID : rotated;
        const { payload, header, secrets: secret, now } = vector;
        return verify({ payload: i % 3 === 0 ? utf8(payload) : payload, header, secret, now });
      });
      const events = await Promise.all(runs);
      events.forEach((event, i) => {
        expect(event).toEqual(JSON.parse((i % 2 === 0 ? VALID : rotated).payload));
      });
    });
  });
}
