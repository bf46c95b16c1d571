import { afterEach, describe, expect, it, vi } from 'vitest';
import { Deadlines } from './deadlines.js';

afterEach(() => vi.useRealTimers());

describe('Deadlines', () => {
  it('expires each entry at its own deadline on one shared timer', () => {
    vi.useFakeTimers();
    const deadlines = new Deadlines();
    const fired: string[] = [];
    deadlines.add(300, () => fired.push('b'));
    deadlines.add(100, () => fired.push('a'));
    deadlines.add(500, () => fired.push('c'));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(99);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['a']);
    vi.advanceTimersByTime(200);
    expect(fired).toEqual(['a', 'b']);
    vi.advanceTimersByTime(200);
    expect(fired).toEqual(['a', 'b', 'c']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('holds a deadline past 2^31 - 1 ms on one timer, without firing or spinning', async () => {
    // Real timers: past 2^31 - 1 ms, a timer fires after 1 ms, and re-arming would then spin.
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const expire = vi.fn();
    const cancel = new Deadlines().add(30 * 24 * 3600 * 1000, expire);
    await new Promise((r) => setTimeout(r, 50));
    expect(expire).not.toHaveBeenCalled();
    // Its own timer plus the wait above.
    expect(setTimeoutSpy).toHaveBeenCalledTimes(2);
    cancel();
    setTimeoutSpy.mockRestore();
  });

  it('never fires a cancelled entry, and re-arms only for an earlier deadline', () => {
    vi.useFakeTimers();
    const deadlines = new Deadlines();
    const expire = vi.fn();
    const cancel = deadlines.add(100, expire);
    const later = vi.fn();
    deadlines.add(1_000, later);
    cancel();
    vi.advanceTimersByTime(100);
    expect(expire).not.toHaveBeenCalled();
    expect(later).not.toHaveBeenCalled();
    vi.advanceTimersByTime(900);
    expect(later).toHaveBeenCalledOnce();
  });

  it('does not keep the process alive on its own', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const cancel = new Deadlines().add(60_000, () => undefined);
    // The armed timer is unref'd: an idle client never holds the event loop open.
    const timer = spy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    cancel();
    clearTimeout(timer);
    spy.mockRestore();
  });
});

describe('Deadlines ordering', () => {
  it('keeps entries in deadline order whatever order they arrive in, and survives double cancels', () => {
    vi.useFakeTimers();
    const deadlines = new Deadlines();
    const fired: number[] = [];
    const cancels = [50, 10, 40, 10, 30, 20, 60].map((ms, i) =>
      deadlines.add(ms, () => fired.push(i)),
    );
    cancels[2]!(); // 40 ms, in the middle
    cancels[2]!(); // a second cancel is a no-op
    cancels[1]!(); // the head
    cancels[6]!(); // the tail
    vi.advanceTimersByTime(100);
    expect(fired).toEqual([3, 5, 4, 0]);
    // Cancelling an entry that already fired changes nothing.
    cancels[0]!();
    const late = vi.fn();
    deadlines.add(5, late);
    vi.advanceTimersByTime(5);
    expect(late).toHaveBeenCalledOnce();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fires a deadline added while the armed timer belongs to a cancelled, later-removed head', () => {
    vi.useFakeTimers();
    const deadlines = new Deadlines();
    const cancel = deadlines.add(100, () => undefined);
    cancel();
    const expire = vi.fn();
    deadlines.add(300, expire);
    vi.advanceTimersByTime(100); // the stale timer fires and re-arms for 300
    expect(expire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(expire).toHaveBeenCalledOnce();
  });
});
