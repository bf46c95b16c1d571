import { isLeaseLost } from './lease-keeper.js';
import type { ClaimedJob } from './types.js';
import { LeaseLostError, type LeaseLostReason } from './worker-errors.js';
import type { WorkerEvents } from './worker-events.js';
import type { WorkerProtocol } from './worker-protocol.js';
import type { WorkerReporter } from './worker-reporter.js';

/**
 * Releases a job to its queue (`POST /v1/jobs/{id}/release`: the attempt does not count) and
 * reports `released`. When that fails (or `signal`, the shutdown's budget, ends it) the job comes
 * back when its lease expires, reported as `leaseLost`. Never rejects.
 */
export async function giveBack(
  protocol: WorkerProtocol,
  report: WorkerReporter,
  job: ClaimedJob,
  reason: WorkerEvents['released']['reason'],
  { signal, timeoutMs }: { signal: AbortSignal; timeoutMs: number },
): Promise<void> {
  try {
    await protocol.release(job.id, { lease_id: job.lease.id }, { signal, timeoutMs });
    report.emit('released', { job, reason });
  } catch (cause) {
    const lost: LeaseLostReason = isLeaseLost(cause) ? 'lease_lost' : 'lease_expired';
    report.log('warn', `Flare job ${job.id} could not be released; it returns after its lease`, {
      error: cause,
    });
    report.emit('leaseLost', {
      job,
      reason: lost,
      error: new LeaseLostError(job.id, lost, { cause }),
    });
  }
}

/** `giveBack` for jobs a claim returned after `close()`, all within one `budgetMs` timer. */
export function giveBackAll(
  protocol: WorkerProtocol,
  report: WorkerReporter,
  jobs: ClaimedJob[],
  budgetMs: number,
): Promise<void> {
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(), budgetMs);
  const options = { signal: budget.signal, timeoutMs: budgetMs };
  return Promise.all(
    jobs.map((job) => giveBack(protocol, report, job, 'claimed_after_close', options)),
  ).then(() => clearTimeout(timer));
}
