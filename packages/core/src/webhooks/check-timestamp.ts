import { WebhookVerificationError } from '../errors/webhook-verification-error.js';

/** Rejects a timestamp `ageSec` old (negative: in the future) beyond the tolerance. */
export function checkTimestamp(ageSec: number, toleranceSec: number): void {
  if (ageSec > toleranceSec) {
    throw new WebhookVerificationError(
      'timestamp_too_old',
      `The webhook was signed ${Math.round(ageSec)} s ago, more than the ${toleranceSec} s ` +
        'tolerance (a replay?). Check the server clock, or raise toleranceSec to accept late deliveries.',
    );
  }
  if (-ageSec > toleranceSec) {
    throw new WebhookVerificationError(
      'timestamp_too_new',
      `The webhook's timestamp is ${Math.round(-ageSec)} s in the future, more than the ` +
        `${toleranceSec} s tolerance. Check the server clock (NTP) or the \`now\` you pass.`,
    );
  }
}
