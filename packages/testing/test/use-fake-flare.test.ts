// `@flare/testing/vitest` as a user's suite uses it, in both flavours.
import { FlareClient as NodeFlareClient } from '@flare/node';
import { useFakeFlare } from '@flare/testing/vitest';
import { describe, expect, it } from 'vitest';
import { validating } from './helpers/fidelity.js';

describe('useFakeFlare over HTTP', () => {
  const flare = useFakeFlare(validating({}, { requests: true }));

  it('starts a server and hands out configured clients', async () => {
    expect(flare.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const job = await flare.client().createJob({ job_type: 'A' });
    const node = new NodeFlareClient(flare.clientOptions());
    expect((await node.getJob(job.id))?.id).toBe(job.id);
    expect(flare.fake.jobs).toHaveLength(1);
  });

  it('resets the fake between tests', () => {
    expect(flare.fake.jobs).toEqual([]);
    expect(flare.fake.requests).toEqual([]);
  });
});

describe('useFakeFlare through msw', () => {
  const flare = useFakeFlare({
    ...validating({}),
    via: 'msw',
    baseUrl: 'https://flare.example.test',
  });

  it('intercepts the base URL', async () => {
    expect(flare.url).toBe('https://flare.example.test');
    const client = flare.client({ maxRetries: 0 });
    flare.fake.inject({ method: 'POST', path: '/v1/jobs', status: 503 });
    const failed = await client.createJob({ job_type: 'A' }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ status: 503 });
    const job = await client.createJob({ job_type: 'A' });
    expect(flare.fake.getJob(job.id)?.state).toBe('pending');
  });
});
