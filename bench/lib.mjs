// Small measuring helpers shared by the benchmark sections.

/** Median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Per-call latency in µs of `fn`, run `n` times one after another; returns the median. */
export async function latencyUs(fn, n) {
  const times = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times[i] = Number(process.hrtime.bigint() - t) / 1000;
  }
  return median(times);
}

/** Calls per second of `fn` with `inFlight` concurrent callers, `total` calls in all. */
export async function throughput(fn, total, inFlight) {
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      await fn();
    }
  };
  const t = process.hrtime.bigint();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return total / (Number(process.hrtime.bigint() - t) / 1e9);
}

/**
 * Collects garbage when the run allows it (`node --expose-gc`, as `pnpm bench` starts it), so no
 * case pays for the garbage the case before it left behind.
 */
export function settleHeap() {
  globalThis.gc?.();
}

/**
 * Measures each named case `rounds` times, interleaved so drift hits every case alike, and
 * returns the median of each case's rounds. The heap is collected before every measurement.
 * The rounds themselves ride along (not enumerable) for `ratio`.
 */
export async function compare(cases, measure, rounds) {
  const results = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(cases)) {
      settleHeap();
      results[name].push(await measure(fn));
    }
  }
  const medians = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
  return Object.defineProperty(medians, ROUNDS, { value: results });
}

const ROUNDS = Symbol('rounds');

/**
 * `name`'s figure over `baseline`'s: the median of the per-round ratios when `values` came from
 * `compare` (each pair measured back to back, so a slow spell of the machine cancels out), else
 * the ratio of the two values.
 */
export function ratio(values, name, baseline) {
  const rounds = values[ROUNDS];
  if (!rounds) return values[name] / values[baseline];
  return median(rounds[name].map((v, i) => v / rounds[baseline][i]));
}

/** Prints a table of `{ name: value }` with each value's ratio to `baseline`. */
export function report(title, values, { unit, baseline }) {
  console.log(`\n${title}`);
  for (const [name, value] of Object.entries(values)) {
    const times = ratio(values, name, baseline);
    const shown = value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
    console.log(
      `  ${name.padEnd(40)} ${shown.padStart(10)} ${unit.padEnd(8)} ${times.toFixed(2)}× ${baseline}`,
    );
  }
}

/** Checks a target and records it; the run exits 1 when a target is missed. */
export const targets = [];
export function target(label, ratio, op, limit) {
  const ok = op === '<=' ? ratio <= limit : ratio >= limit;
  targets.push({ label, ratio, op, limit, ok });
}
