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
  const runs = quick ? 7 : 31;
  const results = {};
  // Interleaved, so machine noise spreads evenly.
  const cases = {
    'node -e 0': ['-e', '0'],
    'import @flare/node (ESM)': ['--input-type=module', '-e', "await import('@flare/node')"],
    'require @flare/node (CJS)': ['-e', "require('@flare/node')"],
  };
  for (const name of Object.keys(cases)) results[name] = [];
  // Each round starts from a different case, so no case always runs first or last.
  const entries = Object.entries(cases);
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < entries.length; i++) {
      const [name, args] = entries[(r + i) % entries.length];
      results[name].push(wallMs(args, 1));
    }
  }
  const med = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
  report('Import cost — process wall time (median ms)', med, {
    unit: 'ms',
    baseline: 'node -e 0',
    lowerIsBetter: true,
  });
  // The median of each round's difference: the three processes of a round start back to back, so
  // a slow spell of the machine lands on all three and cancels out.
  const added = (name) => median(results[name].map((ms, r) => ms - results['node -e 0'][r]));
  const esm = added('import @flare/node (ESM)');
  const cjs = added('require @flare/node (CJS)');
  console.log(
    `  added by the import: ESM ${esm.toFixed(1)} ms, CJS ${cjs.toFixed(1)} ms (target ≤ 20 ms)`,
  );
  target('ESM import adds (ms, absolute)', esm, '<=', 20);
  target('CJS import adds (ms, absolute)', cjs, '<=', 20);
}
