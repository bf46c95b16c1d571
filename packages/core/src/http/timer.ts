const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `setTimeout` for a per-attempt budget: no timer at all for an infinite budget (a plain
 * `setTimeout(fn, Infinity)` would fire at once), and never a pending timer that keeps the
 * process alive on its own.
 */
export function armTimer(fn: () => void, ms: number): ReturnType<typeof setTimeout> | undefined {
  if (!(ms < MAX_TIMER_MS)) return undefined;
  const timer = setTimeout(fn, ms);
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
