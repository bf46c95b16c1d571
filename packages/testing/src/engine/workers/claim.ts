import { ApiFailure } from '../api-failure.js';
import type { EngineContext } from '../context.js';
import { byEligibility, eligibleAt, iso, type JobRecord, toWire } from '../jobs/job-record.js';
import type { ClaimInput } from '../validation/worker-params.js';
import { startAttempt } from './attempts.js';

/**
 * Leases up to `limit` eligible jobs (state `pending`, `run_at` null or due) of the queues,
 * oldest first. Each queue's ready index is ordered by eligibility, so only its due prefix is
 * walked.
 */
export function claimNow(ctx: EngineContext, input: ClaimInput): unknown[] {
  const now = ctx.now();
  const candidates: JobRecord[] = [];
  for (const queue of input.queues) {
    const ready = ctx.jobs.ready(queue);
    if (!ready) continue;
    let taken = 0;
    for (const r of ready.ascending()) {
      if (eligibleAt(r) > now) break;
      if (input.jobTypes && !input.jobTypes.has(r.job.job_type)) continue;
      candidates.push(r);
      if (++taken === input.limit) break;
    }
  }
  candidates.sort(byEligibility);
  return candidates.slice(0, input.limit).map((r) => {
    const lease = startAttempt(ctx, r, input.leaseSeconds, input.workerId);
    return { ...toWire(r), lease: { id: lease.id, expires_at: iso(lease.expiresMs) } };
  });
}

/**
 * `claimNow`, long-polling up to `waitMs` of real time when nothing is eligible: it retries
 * whenever a job may have become ready (created, retried, promoted, failed back to pending).
 * Once `signal` aborts (the client went away) it claims nothing more and fails with 499
 * `client_closed_request`, which releases the claim's idempotency key.
 */
export async function claim(
  ctx: EngineContext,
  input: ClaimInput,
  signal?: AbortSignal,
): Promise<unknown[]> {
  const deadline = Date.now() + input.waitMs;
  if (input.workerId !== null) {
    // Bounded like the request log: the oldest claimant goes once a thousand are known.
    const { claimants } = ctx;
    claimants.delete(input.workerId);
    claimants.set(input.workerId, { lastClaimMs: ctx.now(), queues: input.queues });
    if (claimants.size > 1000) claimants.delete(claimants.keys().next().value!);
    ctx.changed({ kind: 'worker', id: input.workerId });
  }
  for (;;) {
    // Checked right before each claim, in the same synchronous turn: no job is leased to a
    // client known to be gone.
    if (signal?.aborted) throw clientClosed();
    const jobs = claimNow(ctx, input);
    const left = deadline - Date.now();
    if (jobs.length > 0 || left <= 0) return jobs;
    await ctx.waitForWork(left, signal);
  }
}

/** The answer no one receives: a claim whose client disconnected. Never written by a front. */
function clientClosed(): ApiFailure {
  return new ApiFailure(
    499,
    'client_closed_request',
    'The client closed the connection before the claim was answered; nothing was claimed for it.',
  );
}
