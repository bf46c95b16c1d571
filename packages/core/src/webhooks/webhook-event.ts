import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
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
 * Decodes and parses an authenticated body and checks it has the shape of a Flare event;
 * throws a `WebhookVerificationError` (`invalid_payload`) otherwise. A string is parsed as is.
 */
export function parseWebhookEvent(payload: string | Uint8Array): WebhookEvent {
  let text: string;
  try {
    text = decodeUtf8(payload);
  } catch {
    throw invalid('not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('not JSON');
  }
  const problem = eventProblem(value);
  if (problem) throw invalid(`not a Flare event: ${problem}`);
  return value as WebhookEvent;
}

function eventProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  if (value.object !== 'event') return '"object" is not "event"';
  const key = ['id', 'type', 'created_at'].find((k) => typeof value[k] !== 'string');
  if (key) return `"${key}" is not a string`;
  if (!isObject(value.data) || !isObject(value.data.job)) return '"data.job" is not an object';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(problem: string): WebhookVerificationError {
  return new WebhookVerificationError('invalid_payload', `The webhook payload is ${problem}.`);
}

/**
 * A sentence to append when a body whose signature failed looks like `JSON.stringify` output
 * (compact, no whitespace at all, round-trips exactly), else `''`. Never throws.
 */
export function reserialisedHint(payload: string | Uint8Array): string {
  try {
    const text = decodeUtf8(payload);
    if (text && !/\s/.test(text) && JSON.stringify(JSON.parse(text)) === text) {
      return ' It looks re-serialised (JSON.stringify(req.body)?): verify the raw bytes.';
    }
  } catch {
    // Not decodable or not JSON: no hint.
  }
  return '';
}
