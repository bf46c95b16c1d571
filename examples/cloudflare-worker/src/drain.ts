import { type ClaimedJob, type DrainSummary, FlareClient, FlareWorker } from '@flare/edge';

/** What the Cron Trigger needs from the Worker's bindings. */
export interface DrainEnv {
  FLARE_API_KEY: string;
  FLARE_BASE_URL?: string;
}

/**
 * Runs the queued `SendWelcomeEmail` jobs and stops: a Worker cannot hold a long poll between
 * requests, so the Cron Trigger drains the queue every minute. Whatever still runs near the
 * deadline is released to the queue for the next run.
 */
export function drainWelcomeEmails(env: DrainEnv): Promise<DrainSummary> {
  const worker = new FlareWorker({
    client: new FlareClient({ apiKey: env.FLARE_API_KEY, baseUrl: env.FLARE_BASE_URL }),
    concurrency: 4,
    handlers: {
      SendWelcomeEmail: async (job: ClaimedJob<{ email: string }>, ctx) => {
        // Stand-in for your email provider's fetch: pass `signal: ctx.signal`, and key the send
        // by job.id (delivery is at least once, so a rerun must not send twice).
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, 10);
          ctx.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(ctx.signal.reason);
          });
        });
        return { delivered_to: job.payload.email, idempotency_key: job.id };
      },
    },
  });
  // Cron Triggers may run 15 min when waiting on I/O; 25 s keeps a run well inside a minute.
  return worker.drain({ deadlineMs: 25_000, maxJobs: 200 });
}
