// The camelCase hint is the server's (spec): the fake says `did you mean "job_type"?` in its
// unknown_parameter message, and the built @flare/node client shows that message as it is. These
// requests are spec-invalid on purpose, so only the fake's responses are checked against the spec.
import { FlareClient, ValidationError } from '@flare/node';
import type { RunningServer } from '@flare/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFake } from './helpers/fidelity.js';

const fake = createFake();
let server: RunningServer;
let flare: FlareClient;

beforeAll(async () => {
  server = await fake.listen();
  flare = new FlareClient({ apiKey: 'zf_test_sk_fake', baseUrl: server.url, maxRetries: 0 });
});
afterAll(() => server.close());

describe('unknown parameters through @flare/node and the fake', () => {
  it("carry the fake's camelCase hint to the SDK's ValidationError", async () => {
    const camel = await flare.createJob({ job_type: 'A', maxAttempts: 3 } as never).then(
      () => expect.unreachable('createJob resolved'),
      (e: unknown) => e as ValidationError,
    );
    expect(ValidationError.isInstance(camel)).toBe(true);
    expect(camel).toMatchObject({ code: 'unknown_parameter', param: 'maxAttempts' });
    expect(camel.message).toMatch(
      /allowed: job_type, .*; did you mean "max_attempts"\? \(request /,
    );
    // A listJobs filter gets it too; a name that is not a camelCase spelling gets none.
    const filter = await flare.listJobs({ jobType: 'A' } as never).then(
      () => expect.unreachable('listJobs resolved'),
      (e: unknown) => e as Error,
    );
    expect(filter.message).toMatch(/did you mean "job_type"\?/);
    const typo = await flare.createJob({ job_type: 'A', why: 1 } as never).then(
      () => expect.unreachable('createJob resolved'),
      (e: unknown) => e as Error,
    );
    expect(typo.message).not.toMatch(/did you mean/);
  });
});
