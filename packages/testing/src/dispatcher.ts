import type { Engine } from './engine/engine.js';
import type { FakeRequest } from './engine/types.js';
import type { Fault } from './faults/fault.js';
import { FaultRegistry } from './faults/fault-registry.js';
import { type Dispatched, handleWithFaults } from './faults/handle-with-faults.js';
import type { FakeFlareOptions } from './options.js';
import { RecordedRequest } from './recorded-request.js';

/** What every front calls: faults, the engine, and the record of each exchange. */
export class Dispatcher {
  readonly faults = new FaultRegistry();
  readonly webhookUrl: string | undefined;
  readonly #engine: Engine;
  readonly #options: FakeFlareOptions;
  readonly #max: number;
  #requests: RecordedRequest[] = [];

  readonly #onRecord: () => void;

  constructor(engine: Engine, options: FakeFlareOptions, onRecord: () => void = () => {}) {
    this.#engine = engine;
    this.#onRecord = onRecord;
    this.#options = options;
    this.#max = options.maxRecordedRequests ?? 10_000;
    this.webhookUrl = options.webhooks?.url;
  }

  get requests(): readonly RecordedRequest[] {
    return this.#requests;
  }

  async dispatch(request: FakeRequest): Promise<Dispatched> {
    const result = await handleWithFaults(this.#engine, this.faults, request);
    if (this.#max > 0 || this.#options.onExchange) this.#record(request, result);
    return result;
  }

  reset(): void {
    this.faults.clear();
    this.#requests = [];
  }

  #record(request: FakeRequest, { response, fault }: Dispatched): void {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers ?? {})) {
      if (v !== undefined) headers[k.toLowerCase()] = typeof v === 'string' ? v : v.join(', ');
    }
    const query: Record<string, string | string[]> = {};
    const q = request.query;
    const entries =
      q instanceof URLSearchParams
        ? [...q.keys()].map((k) => [k, q.getAll(k)] as const)
        : Object.entries(q ?? {});
    for (const [k, v] of entries) {
      if (v === undefined) continue;
      query[k] = typeof v === 'string' ? v : v.length === 1 ? v[0]! : [...v];
    }
    const recorded = new RecordedRequest({
      method: request.method.toUpperCase(),
      path: request.path,
      query,
      headers,
      rawBody: request.body ?? '',
      response,
      fault: kind(fault),
    });
    if (this.#max > 0) {
      this.#requests.push(recorded);
      // Drop the oldest tenth at once, so keeping the log bounded stays cheap.
      if (this.#requests.length > this.#max) this.#requests.splice(0, Math.ceil(this.#max / 10));
      this.#onRecord();
    }
    // An answer whose client had already gone was never exchanged (a claim's 499 is not a contract
    // status): it stays in the log but is not reported.
    if (response && !request.signal?.aborted) this.#options.onExchange?.(recorded, response);
  }
}

function kind(fault: Fault | undefined): RecordedRequest['fault'] {
  if (!fault) return undefined;
  if (fault.status !== undefined) return 'status';
  if (fault.reset) return 'reset';
  if (fault.truncate) return 'truncate';
  if (fault.oversize) return 'oversize';
  return 'delay';
}
