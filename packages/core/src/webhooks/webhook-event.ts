import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import { isObject } from '../internal/is-object.js';
import type { WebhookEvent } from '../types/event.js';

let decoder: TextDecoder | undefined;

/**
 * Strict UTF-8: invalid bytes are rejected, not patched with U+FFFD; a BOM is kept (and then fails
 * JSON.parse), so bytes and the same text as a string always give the same outcome.
 */
function decodeUtf8(payload: string | Uint8Array): string {
  if (typeof payload === 'string') return payload;
  decoder ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  return decoder.decode(payload);
}

/**
 * Decodes and parses an authenticated body and checks it has the shape of a Flare event (an
 * object with `object: "event"`, string `id`, `type` and `created_at`, and an object
 * `data.job`); throws a `WebhookVerificationError` (`invalid_payload`) otherwise. A string is
 * parsed as is.
 */
export function parseWebhookEvent(payload: string | Uint8Array): WebhookEvent {
  let event: unknown;
  try {
    event = JSON.parse(decodeUtf8(payload));
  } catch {
    // Not UTF-8 or not JSON: reported below.
  }
  if (
    !isObject(event) ||
    event.object !== 'event' ||
    typeof event.id !== 'string' ||
    typeof event.type !== 'string' ||
    typeof event.created_at !== 'string' ||
    !isObject((event.data as { job?: unknown } | undefined)?.job)
  ) {
    throw new WebhookVerificationError(
      'invalid_payload',
      'The webhook payload is not a Flare event',
    );
  }
  return event as unknown as WebhookEvent;
}

/**
 * A sentence to append when a body whose signature failed looks like `JSON.stringify` output
 * (compact, no whitespace at all, round-trips exactly), else `''`. Never throws.
 */
export function reserialisedHint(payload: string | Uint8Array): string {
  try {
    const text = decodeUtf8(payload);
    if (text && !/\s/.test(text) && JSON.stringify(JSON.parse(text)) === text) {
      return ' (it looks re-serialised)';
    }
  } catch {
    // Not decodable or not JSON: no hint.
  }
  return '';
}
