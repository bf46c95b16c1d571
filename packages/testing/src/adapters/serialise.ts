import type { FakeResponse } from '../engine/types.js';

/** The bytes a front writes for a response: JSON, or a string body verbatim when it is not JSON. */
export function serialise(response: FakeResponse): string {
  const json = /json/i.test(response.headers['content-type'] ?? '');
  return typeof response.body === 'string' && !json ? response.body : JSON.stringify(response.body);
}
