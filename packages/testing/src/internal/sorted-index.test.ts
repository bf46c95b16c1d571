import { describe, expect, it } from 'vitest';
import { SortedIndex } from './sorted-index.js';

const byN = (a: { n: number }, b: { n: number }) => a.n - b.n;

describe('SortedIndex', () => {
  it('keeps items sorted across chunk splits, deletes by identity and seeks below a probe', () => {
    const index = new SortedIndex(byN);
    const items = Array.from({ length: 5000 }, (_, i) => ({ n: (i * 7919) % 5000 }));
    for (const item of items) index.insert(item);
    expect(index.size).toBe(5000);
    expect([...index.ascending()].map((x) => x.n)).toEqual(
      Array.from({ length: 5000 }, (_, i) => i),
    );
    for (const item of items.filter((x) => x.n % 2)) expect(index.delete(item)).toBe(true);
    expect(index.delete({ n: 2 })).toBe(false); // equal key, other object
    expect(index.size).toBe(2500);
    const below = [...index.descending({ n: 1001 })].slice(0, 3).map((x) => x.n);
    expect(below).toEqual([1000, 998, 996]);
    expect([...index.descending({ n: 0 })]).toEqual([]);
    expect([...index.descending()][0]?.n).toBe(4998);
    expect([...index.descending({ n: 99_999 })][0]?.n).toBe(4998);
  });

  it('handles duplicate keys and empties cleanly', () => {
    const index = new SortedIndex(byN);
    const a = { n: 1 };
    const b = { n: 1 };
    index.insert(a);
    index.insert(b);
    expect(index.delete(b)).toBe(true);
    expect([...index.ascending()]).toEqual([a]);
    expect(index.delete(a)).toBe(true);
    expect([...index.descending()]).toEqual([]);
    index.insert({ n: 3 });
    index.clear();
    expect(index.size).toBe(0);
  });

  it('appends in order without a search, splitting the last chunk, and still inserts out of order', () => {
    const index = new SortedIndex(byN);
    const ascending = Array.from({ length: 3000 }, (_, i) => ({ n: i * 2 }));
    for (const item of ascending) index.insert(item);
    // Odd keys now land between existing ones, across the chunks the appends split.
    for (let n = 5999; n > 0; n -= 2) index.insert({ n });
    index.insert({ n: 5998 }); // equal to the last: after it
    const seen = [...index.ascending()].map((x) => x.n);
    expect(seen).toHaveLength(6001);
    expect(seen.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(seen.slice(-3)).toEqual([5998, 5998, 5999]);
    expect(seen.every((n, i) => i === 0 || seen[i - 1]! <= n)).toBe(true);
    expect(index.delete(ascending[2999]!)).toBe(true);
    expect([...index.descending()][0]?.n).toBe(5999);
  });

  it('seeks with a binary search: comparisons grow with log n, not n', () => {
    const comparisons = (n: number) => {
      let count = 0;
      const index = new SortedIndex((a: { n: number }, b: { n: number }) => {
        count++;
        return a.n - b.n;
      });
      for (let i = 0; i < n; i++) index.insert({ n: i });
      count = 0;
      const first = index.descending({ n: Math.floor(n / 2) }).next().value;
      expect(first?.n).toBe(Math.floor(n / 2) - 1);
      return count;
    };
    // Chunks of 512–1,024 items: log2(chunks) + log2(1,024) comparisons at most.
    expect(comparisons(400)).toBeLessThanOrEqual(10);
    expect(comparisons(100_000)).toBeLessThanOrEqual(Math.ceil(Math.log2(100_000 / 512)) + 11);
  });
});
