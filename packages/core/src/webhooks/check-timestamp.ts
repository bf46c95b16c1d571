import { WebhookVerificationError } from '../errors/webhook-verification-error.js';

/** Rejects a timestamp `ageSec` old (negative: in the future) beyond the tolerance. */
export function checkTimestamp(ageSec: number, toleranceSec: number): void {
  const old = ageSec > toleranceSec;
  if (old || -ageSec > toleranceSec) {
    throw new WebhookVerificationError(
      old ? 'timestamp_too_old' : 'timestamp_too_new',
      `The webhook was signed ${Math.round(Math.abs(ageSec))} s ${old ? 'ago' : 'in the future'}, more than the ${toleranceSec} s tolerance: check the clock or raise toleranceSec`,
    );
  }
}
