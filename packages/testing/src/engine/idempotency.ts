import { ApiFailure } from './api-failure.js';

/** 24 h, counted on the fake clock from the first request. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

interface Entry {
  /** The first request's body as sent, when known: a byte-equal repeat needs no fingerprint. */
  raw: string | undefined;
  /** `canonical()` of the first body; computed on the first repeat that is not byte-equal. */
  fingerprint: string | undefined;
  expiresMs: number;
  /** `undefined` while the first request is still being processed. */
  response: StoredAnswer | undefined;
}

/** A kept 2xx answer: its body, or how to build it afresh (see `OperationResult.replay`). */
interface StoredAnswer {
  status: number;
  body: unknown;
  rebuild: (() => unknown) | undefined;
}

/** What `begin` decided: run the request, or answer with the stored response. */
export type IdempotencyOutcome =
  | { replay: false }
  | { replay: true; status: number; body: unknown };

/**
 * The server side of `Idempotency-Key`: scope = API key + method + path + key, 24 h from the
 * first request; a same-body repeat replays the stored 2xx answer, a different body is 409
 * `idempotency_key_reused`, a repeat while the first is running is 409 `idempotency_in_progress`.
 * Non-2xx outcomes release the key.
 */
export class IdempotencyStore {
  // Insertion order is creation order (the clock never goes back), so expiry sweeps the head.
  readonly #entries = new Map<string, Entry>();

  /**
   * Reserves the key, or returns the replay, or throws the 409. `raw` is the body's JSON text as
   * received, when there is one: the first request then costs no fingerprint (a batch of 100
   * payloads is the largest body), and a repeat is compared by its parameters only when its text
   * differs (keys in another order are the same request).
   */
  begin(scope: string, body: unknown, now: number, raw?: string): IdempotencyOutcome {
    this.sweep(now);
    const entry = this.#entries.get(scope);
    if (!entry) {
      this.#entries.set(scope, {
        raw,
        fingerprint: raw === undefined ? canonical(body ?? {}) : undefined,
        expiresMs: now + IDEMPOTENCY_TTL_MS,
        response: undefined,
      });
      return { replay: false };
    }
    if (!(raw !== undefined && raw === entry.raw) && fingerprint(entry) !== canonical(body ?? {})) {
      throw new ApiFailure(
        409,
        'idempotency_key_reused',
        'This Idempotency-Key was already used with a different request body; use a new key for a different request.',
        'Idempotency-Key',
      );
    }
    if (!entry.response) {
      throw new ApiFailure(
        409,
        'idempotency_in_progress',
        'A request with this Idempotency-Key is still being processed; retry once it has finished.',
        'Idempotency-Key',
      );
    }
    const { status, body: kept, rebuild } = entry.response;
    return { replay: true, status, body: rebuild ? rebuild() : kept };
  }

  /**
   * Stores a 2xx answer for replays; any other status releases the key. With `rebuild`, `body` is
   * not kept: each replay answers what `rebuild` returns (equal to `body` as JSON).
   */
  finish(scope: string, status: number, body: unknown, rebuild?: () => unknown): void {
    const entry = this.#entries.get(scope);
    if (!entry || entry.response) return;
    if (status >= 200 && status < 300) {
      entry.response = { status, body: rebuild ? undefined : body, rebuild };
    } else this.#entries.delete(scope);
  }

  /** Forgets keys older than 24 h. */
  sweep(now: number): void {
    for (const [scope, entry] of this.#entries) {
      if (entry.expiresMs > now) break;
      this.#entries.delete(scope);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** The first request's fingerprint, computed from its text on first need. */
function fingerprint(entry: Entry): string {
  entry.fingerprint ??= canonical(JSON.parse(entry.raw!));
  return entry.fingerprint;
}

/** JSON with object keys sorted, so key order and whitespace do not matter. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
