import { errorFromResponse } from '../errors/error-from-response.js';
import { FlareError } from '../errors/flare-error.js';
import type { RequestOptions } from '../http/request-options.js';
import type { SettleEntry, WorkerProtocol } from './worker-protocol.js';

/** How long a completion waits for others to share its request. */
export const ACK_WINDOW_MS = 2;
/** The most items one `POST /v1/jobs/complete` carries (the contract's limit). */
export const ACK_BATCH_MAX = 100;
/**
 * A completion this large goes alone: 100 items of at most this size stay within the batch
 * body limit (32 MiB), and one over the contract's 256 KiB result limit is refused on its own.
 */
export const ACK_ALONE_CHARS = 300_000;

interface Pending {
  id: string;
  body: string;
  options: RequestOptions;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Coalesces completions that finish close together into one `POST /v1/jobs/complete` (batch
 * form): a completion waits at most `ACK_WINDOW_MS` for others, and goes at once when 100 are
 * waiting, when `idle()` says no handler is still running (nothing else is coming), or on
 * `flush()` (shutdown). `complete` keeps the single call's contract, so `deliver` treats both
 * alike: it resolves with the item's job or rejects with the item's typed error (409
 * `lease_lost` a `ConflictError`); a retryable request-level failure rejects every item with it
 * (each delivery retries under its own backoff and lease); a non-retryable one, which says
 * nothing about any item, sends each item alone instead, as does a missing or malformed entry
 * (a 404, or an answer without a `results` list, turns batching off). Each
 * item carries its delivery's `Idempotency-Key` as `idempotency_key` (the single call's scope),
 * so a retry in another batch, or alone, is replayed rather than refused as `lease_lost`.
 */
export class AckBatcher {
  readonly #protocol: WorkerProtocol;
  readonly #idle: () => boolean;
  #pending: Pending[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Set when the server has no batch endpoint (404): every completion then goes alone. */
  #alone = false;

  constructor(protocol: WorkerProtocol, idle: () => boolean) {
    this.#protocol = protocol;
    this.#idle = idle;
  }

  /** `WorkerProtocol.complete`'s contract, batched. `body` is the serialised `{ lease_id, result }`. */
  complete(id: string, body: string, options: RequestOptions): Promise<unknown> {
    if (this.#alone || body.length > ACK_ALONE_CHARS || options.idempotencyKey === undefined) {
      return this.#protocol.complete(id, body, options);
    }
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    return new Promise((resolve, reject) => {
      this.#pending.push({ id, body, options, resolve, reject });
      if (this.#pending.length >= ACK_BATCH_MAX || this.#idle()) this.flush();
      else this.#timer ??= setTimeout(() => this.flush(), ACK_WINDOW_MS);
    });
  }

  /** Sends what is waiting now. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#pending.length > 0) void this.#send(this.#pending.splice(0, ACK_BATCH_MAX));
  }

  async #send(waiting: Pending[]): Promise<void> {
    // A delivery that stopped waiting during the window (its lease ended) is not sent.
    const items = waiting.filter((item) => {
      if (item.options.signal?.aborted) item.reject(item.options.signal.reason);
      return !item.options.signal?.aborted;
    });
    if (items.length === 0) return;
    // The request ends when every item's delivery has stopped waiting (lease over, job lost).
    const stop = new AbortController();
    let live = items.length;
    const onAbort = (item: Pending) => () => {
      item.reject(item.options.signal!.reason);
      if (--live === 0) stop.abort();
    };
    const listeners = items.map((item) => {
      const listener = onAbort(item);
      item.options.signal?.addEventListener('abort', listener, { once: true });
      return listener;
    });
    const jobs = items.map(
      (item) =>
        `{"id":${JSON.stringify(item.id)},"idempotency_key":${JSON.stringify(item.options.idempotencyKey)},${item.body.slice(1)}`,
    );
    let answer: Awaited<ReturnType<WorkerProtocol['completeBatch']>>;
    try {
      answer = await this.#protocol.completeBatch(`{"jobs":[${jobs}]}`, { signal: stop.signal });
    } catch (error) {
      const retryable = !FlareError.isInstance(error) || error.isRetryable;
      if (FlareError.isInstance(error) && error.status === 404) this.#alone = true;
      for (const item of items) {
        if (retryable) item.reject(error);
        else this.#sendAlone(item);
      }
      return;
    } finally {
      for (const [k, item] of items.entries()) {
        item.options.signal?.removeEventListener('abort', listeners[k]!);
      }
    }
    const { data, headers, attempts } = answer;
    // An answer that is not the contract's (no list, a missing entry) says nothing of an item;
    // a server whose batch endpoint answers no list at all gets single calls from now on.
    const results: unknown[] = Array.isArray(data?.results) ? data.results : [];
    if (results !== data?.results) this.#alone = true;
    items.forEach((item, k) => {
      const entry = results[k] as SettleEntry | undefined;
      if (typeof entry?.status !== 'number') this.#sendAlone(item);
      else if (entry.job) item.resolve(entry.job);
      else {
        item.reject(errorFromResponse(entry.status, JSON.stringify(entry), headers, { attempts }));
      }
    });
  }

  /** One item sent by itself, with its own key and signal (a settled promise ignores the rest). */
  #sendAlone(item: Pending): void {
    this.#protocol.complete(item.id, item.body, item.options).then(item.resolve, item.reject);
  }
}
