import type { FlareClient } from '../client/flare-client.js';
import type { ApiResponse } from '../http/api-response.js';
import { clientSends } from '../http/client-sends.js';
import type { RequestOptions } from '../http/request-options.js';
import { pathId } from '../http/request-params.js';
import type { ClaimedJob } from './types.js';

/** `POST /v1/jobs/claim`'s body. */
export interface ClaimBody {
  queues: readonly string[];
  job_types: readonly string[];
  limit: number;
  lease_seconds: number;
  wait_ms: number;
  worker_id: string;
}

/** An entry of a batch `complete` answer: the item's job, or its status and error. */
export interface SettleEntry {
  status: number;
  job?: unknown;
  error?: unknown;
}

/** A wire error as `fail` sends it. */
export interface WireError {
  type: string;
  message: string;
}

/**
 * The worker half of the wire contract, sent through a client's own requester (retries,
 * idempotency keys, typed errors, timeouts). Bodies are serialised by the caller where they hold
 * user data (`complete`'s result), so a bad result is caught before anything is sent.
 */
export interface WorkerProtocol {
  /**
   * The claimed jobs, and whether the answer was a replay: a claim made by an earlier attempt of
   * this call (a retry after a timeout, under the same Idempotency-Key), whose leases began then.
   */
  claim(
    body: ClaimBody,
    options: RequestOptions,
  ): Promise<{ jobs: ClaimedJob[]; replayed: boolean }>;
  heartbeat(
    id: string,
    body: { lease_id: string; progress?: { percent: number; message?: string } },
    options: RequestOptions,
  ): Promise<unknown>;
  /** `body` is the serialised `{ lease_id, result }`. */
  complete(id: string, body: string, options: RequestOptions): Promise<unknown>;
  /** `POST /v1/jobs/complete` (batch form); `body` is the serialised `{ jobs: [...] }`. */
  completeBatch(
    body: string,
    options: RequestOptions,
  ): Promise<ApiResponse<{ results: SettleEntry[] }>>;
  fail(
    id: string,
    body: { lease_id: string; error: WireError; retryable: boolean; retry_in_ms?: number },
    options: RequestOptions,
  ): Promise<{ state: string }>;
  release(
    id: string,
    body: { lease_id: string; delay_ms?: number },
    options: RequestOptions,
  ): Promise<unknown>;
}

/** The protocol over `client`'s requester; `undefined` when `client` is not a `FlareClient`. */
export function workerProtocol(client: FlareClient): WorkerProtocol | undefined {
  // A client from another copy of the package is not in this copy's map.
  const send = typeof client === 'object' && client !== null ? clientSends.get(client) : undefined;
  if (!send) return undefined;
  const post = async <T>(path: string, body: string, options: RequestOptions) =>
    (await send<T>('POST', path, options, body)).data;
  const job = (id: string, action: string) => `/v1/jobs/${pathId(id, 'job')}/${action}`;
  return {
    claim: async (body, options) => {
      const answer = await send<{ jobs: ClaimedJob[] }>(
        'POST',
        '/v1/jobs/claim',
        options,
        JSON.stringify(body),
      );
      return { jobs: answer.data.jobs, replayed: answer.replayed };
    },
    heartbeat: (id, body, options) => post(job(id, 'heartbeat'), JSON.stringify(body), options),
    complete: (id, body, options) => post(job(id, 'complete'), body, options),
    completeBatch: (body, options) => send('POST', '/v1/jobs/complete', options, body),
    fail: (id, body, options) => post(job(id, 'fail'), JSON.stringify(body), options),
    release: (id, body, options) => post(job(id, 'release'), JSON.stringify(body), options),
  };
}
