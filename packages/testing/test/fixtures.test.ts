import { verifyWebhook } from '@flare/node';
import { fixtures, signedWebhookRequest, signWebhook } from '@flare/testing';
import { describe, expect, it } from 'vitest';
import { spec } from './helpers/fidelity.js';

const headers = {
  'content-type': 'application/json',
  'x-request-id': 'r',
  'x-ratelimit-limit': '1',
  'x-ratelimit-remaining': '1',
  'x-ratelimit-reset': '1',
};

describe('fixtures', () => {
  it('builds contract-valid jobs in every state, overrides winning', () => {
    for (const state of [
      'scheduled',
      'pending',
      'running',
      'succeeded',
      'failed',
      'cancelled',
    ] as const) {
      const job = fixtures.job({ state, payload: { n: 1 } });
      expect(spec.response('GET', `/v1/jobs/${job.id}`, 200, headers, job)).toEqual([]);
    }
    expect(fixtures.job({ attempts: 2, queue: 'q' })).toMatchObject({
      attempts: 2,
      queue: 'q',
      state: 'pending',
    });
    expect(fixtures.job().id).not.toBe(fixtures.job().id);
  });

  it('builds contract-valid events and signs them the way Flare does', async () => {
    const event = fixtures.event('job.failed');
    expect(event.data.job.state).toBe('failed');
    const payload = JSON.stringify(event);
    const header = signWebhook({ payload, secret: 'whsec_a', timestamp: new Date() });
    expect(spec.webhook(payload, header)).toEqual([]);
    await expect(verifyWebhook({ payload, header, secret: 'whsec_a' })).resolves.toEqual(event);
  });

  it('signs with several secrets during a rotation and at a given time', async () => {
    const payload = JSON.stringify(fixtures.event('job.cancelled'));
    const header = signWebhook({
      payload,
      secret: ['whsec_old', 'whsec_new'],
      timestamp: 1_767_225_600,
    });
    expect(header).toMatch(/^t=1767225600,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    await verifyWebhook({ payload, header, secret: 'whsec_new', now: 1_767_225_600 });
  });

  it('builds a complete signed Request', async () => {
    const event = fixtures.event(
      'job.succeeded',
      fixtures.job({ state: 'succeeded', result: { id: 7 } }),
    );
    const request = signedWebhookRequest({
      payload: event,
      secret: 'whsec_r',
      url: 'https://app.test/hooks',
    });
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://app.test/hooks');
    const verified = await verifyWebhook({ request, secret: 'whsec_r' });
    expect(verified.data.job.result).toEqual({ id: 7 });
  });
});
