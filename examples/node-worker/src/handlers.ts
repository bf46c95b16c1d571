import { type ClaimedJob, type JobHandlers, NonRetryableError } from '@flare/node';

/** What a welcome email job carries. */
export interface WelcomeEmail {
  email: string;
  /** How long the (simulated) send takes; the demo's stand-in for a slow provider. */
  delay_ms?: number;
}

/** Sends one email; `idempotencyKey` makes a second delivery of the same job a no-op. */
export type Mailer = (
  message: { to: string; template: string },
  options: { idempotencyKey: string; signal: AbortSignal },
) => Promise<{ id: string }>;

/**
 * A stand-in mailer: waits `delayMs` (or until aborted) and answers with a message id. Replace it
 * with your provider's client, passing the signal and the idempotency key through.
 */
export function fakeMailer(delayMs: (to: string) => number): Mailer {
  return (message, { idempotencyKey, signal }) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve({ id: `msg_${idempotencyKey}` }), delayMs(message.to));
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
}

/** The worker's handlers, by job type. */
export function handlers(mailer: Mailer): JobHandlers {
  return {
    SendWelcomeEmail: async (job: ClaimedJob<WelcomeEmail>, ctx) => {
      const { email } = job.payload;
      // Retrying a bad payload cannot help: fail the job at once.
      if (typeof email !== 'string' || !email.includes('@')) {
        throw new NonRetryableError(`not an email address: ${JSON.stringify(email)}`);
      }
      ctx.progress(10, 'rendering');
      const sent = await mailer(
        { to: email, template: 'welcome' },
        // Delivery is at least once: the job id keys the send, so a rerun sends nothing new.
        { idempotencyKey: job.id, signal: ctx.signal },
      );
      ctx.progress(100, 'sent');
      return { message_id: sent.id };
    },
  };
}
