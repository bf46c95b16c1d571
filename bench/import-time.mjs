// What importing @flare/node adds to a bare `node -e 0`, for ESM and CJS.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, report, target } from './lib.mjs';

const cwd = fileURLToPath(new URL('../packages/node/', import.meta.url));

function wallMs(args, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    execFileSync(process.execPath, args, { cwd, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

export async function run({ quick }) {
  const runs = quick ? 7 : 21;
  const results = {};
  // Interleave so machine noise spreads evenly.
  const cases = {
    'node -e 0': ['-e', '0'],
    'import @flare/node (ESM)': ['--input-type=module', '-e', "await import('@flare/node')"],
    'require @flare/node (CJS)': ['-e', "require('@flare/node')"],
  };
  for (const name of Object.keys(cases)) results[name] = [];
  for (let r = 0; r < runs; r++)
    for (const [name, args] of Object.entries(cases)) results[name].push(wallMs(args, 1));
  const med = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
  report('Import cost — process wall time (median ms)', med, {
    unit: 'ms',
    baseline: 'node -e 0',
    lowerIsBetter: true,
  });
  const esm = med['import @flare/node (ESM)'] - med['node -e 0'];
  const cjs = med['require @flare/node (CJS)'] - med['node -e 0'];
  console.log(
    `  added by the import: ESM ${esm.toFixed(1)} ms, CJS ${cjs.toFixed(1)} ms (target ≤ 20 ms)`,
  );
  target('ESM import adds (ms, absolute)', esm, '<=', 20);
  target('CJS import adds (ms, absolute)', cjs, '<=', 20);
}
