/**
 * The longest delay a timer honours: `setTimeout` turns anything past 2^31 - 1 ms (24.8 days)
 * into 1 ms, so longer waits are capped here (or, for a timeout, given no timer at all).
 */
export const MAX_TIMER_MS = 2_147_483_647;
