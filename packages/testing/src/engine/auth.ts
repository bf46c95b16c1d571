import { ApiFailure } from './api-failure.js';

/**
 * The API key of a request: `Authorization: Bearer <key>` with a configured key. No header →
 * 401 `missing_api_key`; anything else unknown → 401 `invalid_api_key`.
 */
export function authenticate(header: string | undefined, keys: ReadonlySet<string>): string {
  if (header === undefined || header.trim() === '') {
    throw new ApiFailure(
      401,
      'missing_api_key',
      'No API key: send Authorization: Bearer <api key> (keys look like zf_test_sk_…).',
    );
  }
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match || !keys.has(match[1]!)) {
    throw new ApiFailure(
      401,
      'invalid_api_key',
      'The API key is malformed, unknown or revoked. This fake accepts the keys it was started with.',
    );
  }
  return match[1]!;
}

/** The key a request claims, valid or not (for rate-limit accounting). */
export function claimedKey(
  header: string | undefined,
  keys: ReadonlySet<string>,
): string | undefined {
  const key = header === undefined ? undefined : /^Bearer +(\S+)/i.exec(header)?.[1];
  return key !== undefined && keys.has(key) ? key : undefined;
}
