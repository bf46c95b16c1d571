import { ApiFailure } from '../api-failure.js';
import type { EngineContext } from '../context.js';
import type { JobRecord } from '../jobs/job-record.js';
import { toWire } from '../jobs/job-record.js';
import { findJob } from '../jobs/job-routes.js';
import type { Operation } from '../operation.js';
import * as params from '../validation/worker-params.js';
import * as attempt from './attempts.js';
import { claim } from './claim.js';

/** The running job the lease is on; 409 `lease_lost` when the lease is gone or not its current one. */
function leased(ctx: EngineContext, id: string, leaseId: string): JobRecord {
  const record = findJob(ctx, id);
  if (record.job.state !== 'running' || record.lease?.id !== leaseId) {
    throw new ApiFailure(
      409,
      'lease_lost',
      `Lease ${leaseId} no longer holds job ${id} (now ${record.job.state}): it expired, was ` +
        'revoked by a cancel, or was replaced by a newer claim. Stop working on the job.',
    );
  }
  return record;
}

export const claimJobs: Operation = async (ctx, { body, signal }) => ({
  status: 200,
  body: { jobs: await claim(ctx, params.claimInput(body!), signal) },
});

export const heartbeatJob: Operation = (ctx, { id, body }) => {
  findJob(ctx, id);
  const input = params.heartbeatInput(body!);
  const record = leased(ctx, id, input.leaseId);
  attempt.heartbeat(ctx, record, input.progress);
  return { status: 200, body: toWire(record) };
};

export const completeJob: Operation = (ctx, { id, body }) => {
  findJob(ctx, id);
  const input = params.completeInput(body!);
  const record = leased(ctx, id, input.leaseId);
  attempt.complete(ctx, record, input.result);
  return { status: 200, body: toWire(record) };
};

export const failJob: Operation = (ctx, { id, body }) => {
  findJob(ctx, id);
  const input = params.failInput(body!);
  const record = leased(ctx, id, input.leaseId);
  attempt.failAttempt(ctx, record, input.error, input);
  return { status: 200, body: toWire(record) };
};

export const releaseJob: Operation = (ctx, { id, body }) => {
  findJob(ctx, id);
  const input = params.releaseInput(body!);
  const record = leased(ctx, id, input.leaseId);
  attempt.release(ctx, record, input.delayMs);
  return { status: 200, body: toWire(record) };
};
