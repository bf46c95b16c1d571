// A minimal unified-style line diff (longest common subsequence), for scripts that compare a
// checked-in file with what they would generate. No dependency: only the changed lines, with up
// to three lines of context around each run of changes.

/**
 * The lines that differ between two texts: `-` removed from `before`, `+` added in `after`.
 * @example
 * ```js
 * console.error(lineDiff(readFileSync(file, 'utf8'), generated));
 * ```
 */
export function lineDiff(before, after, context = 3) {
  const a = before.split('\n');
  const b = after.split('\n');
  // Common prefix and suffix cost nothing; the quadratic table covers only the middle.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] =
        a[start + i] === b[start + j]
          ? lcs[i + 1][j + 1] + 1
          : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops = [];
  for (let k = Math.max(0, start - context); k < start; k++) ops.push([' ', a[k], k + 1]);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      ops.push([' ', a[start + i], start + i + 1]);
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      ops.push(['+', b[start + j], start + i + 1]);
      j++;
    } else {
      ops.push(['-', a[start + i], start + i + 1]);
      i++;
    }
  }
  for (let k = endA; k < Math.min(a.length, endA + context); k++) ops.push([' ', a[k], k + 1]);
  // Keep the changes and `context` lines around each.
  const keep = ops.map(() => false);
  ops.forEach(([op], k) => {
    if (op === ' ') return;
    for (let c = Math.max(0, k - context); c <= Math.min(ops.length - 1, k + context); c++) {
      keep[c] = true;
    }
  });
  const out = [];
  ops.forEach(([op, line, at], k) => {
    if (!keep[k]) return;
    if (k > 0 && !keep[k - 1]) out.push('  …');
    if (out.length === 0 || (k > 0 && !keep[k - 1])) out.push(`@@ line ${at} @@`);
    out.push(`${op} ${line}`);
  });
  return out.join('\n');
}
