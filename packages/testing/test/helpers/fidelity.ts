// Every FakeFlare a test builds through `createFake` has each response, webhook and (optionally)
// request checked against spec/openapi.yaml; any problem fails the test that caused it.
import { FakeFlare, type FakeFlareOptions } from '@flare/testing';
import { afterEach, expect } from 'vitest';
import { loadSpec } from './spec-validator.js';

export const spec = await loadSpec();
const problems: string[] = [];
let exchanges = 0;

afterEach(() => {
  const found = problems.splice(0);
  expect(found, 'every exchange must follow spec/openapi.yaml').toEqual([]);
});

/** How many exchanges have been validated in this file so far. */
export const validatedExchanges = () => exchanges;

/**
 * Options that validate every response and webhook against the spec; with `requests: true`,
 * every request too (for clients that must send valid requests, like the SDK).
 */
export function validating<T extends FakeFlareOptions>(options: T, { requests = false } = {}): T {
  return {
    ...options,
    onExchange(request, response) {
      exchanges++;
      // A status fault given a non-JSON body stands for an intermediary's page (the contract
      // allows those on 502/504); everything the fake itself writes is checked.
      const intermediary =
        request.fault === 'status' && !/json/.test(response.headers['content-type'] ?? '');
      if (!intermediary) {
        problems.push(
          ...spec.response(
            request.method,
            request.path,
            response.status,
            response.headers,
            response.body,
          ),
        );
      }
      if (requests) {
        problems.push(
          ...spec.request({
            method: request.method,
            path: request.path,
            query: request.query,
            headers: request.headers,
            body: request.body,
            rawBody: request.rawBody,
          }),
        );
      }
      options.onExchange?.(request, response);
    },
    onWebhook(webhook) {
      problems.push(...spec.webhook(webhook.payload, webhook.header));
      options.onWebhook?.(webhook);
    },
  };
}

/** A fake whose every exchange is validated (see `validating`). */
export function createFake(options: FakeFlareOptions = {}, check = { requests: false }): FakeFlare {
  return new FakeFlare(validating(options, check));
}
