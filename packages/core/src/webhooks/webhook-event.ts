import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import type { WebhookEvent } from '../types/event.js';

const RESERIALISED_HINT =
  ' The payload looks re-serialised (e.g. JSON.stringify(req.body)); verify the raw request body' +
  ' bytes instead.';

let decoder: TextDecoder | undefined;

/**
 * Strict UTF-8: invalid bytes are rejected, not patched with U+FFFD; a BOM is kept (and then fails
 * JSON.parse), so bytes and the same text as a string always give the same outcome.
 */
function decodeUtf8(bytes: Uint8Array): string {
  decoder ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  return decoder.decode(bytes);
}

/**
 * Decodes and parses an authenticated body and checks it has the shape of a Flare event;
 * throws a `WebhookVerificationError` (`invalid_payload`) otherwise. A string is parsed as is.
 */
export function parseWebhookEvent(payload: string | Uint8Array): WebhookEvent {
  let text: string;
  try {
    text = typeof payload === 'string' ? payload : decodeUtf8(payload);
  } catch {
    throw invalid('The webhook payload is not valid UTF-8.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('The webhook payload is not JSON.');
  }
  const problem = eventProblem(value);
  if (problem !== undefined) throw invalid(`The webhook payload is not a Flare event: ${problem}.`);
  return value as WebhookEvent;
}

function eventProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'it is not a JSON object';
  if (value.object !== 'event') return 'its "object" is not "event"';
  if (typeof value.id !== 'string') return 'its "id" is not a string';
  if (typeof value.type !== 'string') return 'its "type" is not a string';
  if (typeof value.created_at !== 'string') return 'its "created_at" is not a string';
  if (!isObject(value.data) || !isObject(value.data.job)) return 'its "data.job" is not an object';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string): WebhookVerificationError {
  return new WebhookVerificationError('invalid_payload', message);
}

/**
 * A sentence to append when a body whose signature failed looks like `JSON.stringify` output
 * (compact, no whitespace at all, round-trips exactly), else `''`. Never throws.
 */
export function reserialisedHint(payload: string | Uint8Array): string {
  try {
    const text = typeof payload === 'string' ? payload : decodeUtf8(payload);
    if (text === '' || /\s/.test(text)) return '';
    return JSON.stringify(JSON.parse(text)) === text ? RESERIALISED_HINT : '';
  } catch {
    return '';
  }
}
