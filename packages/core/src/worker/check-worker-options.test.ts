import { describe, expect, it } from 'vitest';
import { FlareClient } from '../client/flare-client.js';
import { ValidationError } from '../errors/api-errors.js';
import { stubFlare } from './__fixtures__/stub-flare.js';
import { FlareWorker } from './flare-worker.js';
import type { FlareWorkerOptions } from './types.js';

const { client } = stubFlare();
const tooMany: Record<string, unknown> = {};
for (let i = 0; i <= 100; i++) tooMany[`T${i}`] = () => i;
const ok: FlareWorkerOptions = { client, handlers: { Ping: () => 1 } };

function refusal(options: unknown) {
  try {
    new FlareWorker(options as FlareWorkerOptions);
  } catch (error) {
    expect(ValidationError.isInstance(error)).toBe(true);
    return error as ValidationError;
  }
  throw new Error('accepted');
}

describe('FlareWorker options', () => {
  it.each([
    ['concurrency', { concurrency: 0 }, /concurrency must be a whole number from 1/],
    ['concurrency', { concurrency: 2.5 }, /concurrency/],
    ['leaseSeconds', { leaseSeconds: 4 }, /leaseSeconds must be a whole number from 5 to 3600/],
    ['leaseSeconds', { leaseSeconds: 3601 }, /leaseSeconds/],
    ['pollWaitMs', { pollWaitMs: 20_001 }, /pollWaitMs must be a whole number from 100 to 20000/],
    [
      'shutdownTimeoutMs',
      { shutdownTimeoutMs: -1 },
      /shutdownTimeoutMs must be a whole number >= 0/,
    ],
    ['queues', { queues: [] }, /queues must be 1 to 100 distinct queue names/],
    ['queues', { queues: ['a b'] }, /queues/],
    ['queues', { queues: 'default' }, /queues/],
    ['workerId', { workerId: '' }, /workerId must be 1-128 printable ASCII/],
    ['handlers.Ping', { handlers: { Ping: 'run' } }, /handlers.Ping must be a function/],
    ['handlers', { handlers: tooMany }, /handlers must have at most 100 job types \(got 101\)/],
    ['handlers', { handlers: [() => 1] }, /handlers must be an object/],
    ['handlers', { handlers: { 'Send Email': () => 1 } }, /"Send Email" is not a job type/],
    ['concurency', { concurency: 4 }, /unknown option "concurency"/],
    ['client', { client: {} }, /client must be a FlareClient/],
    ['logger', { logger: 'console' }, /logger must be an object/],
  ])('refuses a bad %s', (param, bad, message) => {
    const error = refusal({ ...ok, ...bad });
    expect(error.message).toMatch(message);
    expect(error.param).toBe(param);
  });

  it('refuses options that are not an object', () => {
    expect(refusal(undefined).message).toMatch(/options must be an object/);
  });

  it('applies the defaults', () => {
    const w = new FlareWorker(ok);
    expect(w.workerId).toMatch(/^worker-[0-9a-f-]{12}$/);
  });

  it('defaults the client to new FlareClient() (FLARE_API_KEY) and says when there is no key', () => {
    const env = (globalThis as { process: { env: Record<string, string | undefined> } }).process
      .env;
    const saved = env.FLARE_API_KEY;
    try {
      delete env.FLARE_API_KEY;
      expect(() => new FlareWorker({ handlers: { Ping: () => 1 } })).toThrow(/No API key/);
      env.FLARE_API_KEY = 'zf_test_sk_env';
      expect(() => new FlareWorker({ handlers: { Ping: () => 1 } })).not.toThrow();
    } finally {
      env.FLARE_API_KEY = saved;
    }
    expect(new FlareClient({ apiKey: 'zf_test_sk_x' })).toBeDefined();
  });
});
