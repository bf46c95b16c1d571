import { afterEach, describe, expect, it, vi } from 'vitest';
import { sleep } from './sleep.js';

afterEach(() => vi.useRealTimers());

describe('sleep', () => {
  it('resolves after the wait', async () => {
    vi.useFakeTimers();
    let done = false;
    const p = sleep(1000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await p;
    expect(done).toBe(true);
  });

  it('rejects with the signal reason as soon as it aborts, and clears its timer', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const p = sleep(30_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits past 2^31 - 1 ms as long as timers allow, not 1 ms (what timers make of more)', async () => {
    // Real timers: the overflow is the platform's behaviour, not a fake clock's.
    const controller = new AbortController();
    let done = false;
    const p = sleep(2 ** 31 + 5, controller.signal).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false);
    controller.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });

  it('rejects at once on an already-aborted signal', async () => {
    await expect(sleep(10, AbortSignal.abort(new Error('early')))).rejects.toThrow('early');
  });
});
