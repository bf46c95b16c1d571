// `pnpm bench`: every benchmark section in one process; prints medians, ratios and targets.
// BENCH_QUICK=1 runs fewer iterations (a smoke run); exit code 1 when a target is missed.
import { targets } from './lib.mjs';

const quick = process.env.BENCH_QUICK === '1';
const only = process.argv.slice(2);
const sections = [
  'node-client',
  'transports',
  'create-jobs',
  'webhooks',
  'edge-webhooks',
  'fake',
  'worker',
  'import-time',
];

console.log(`Flare SDK benchmarks — Node ${process.version}, ${quick ? 'quick' : 'full'} run`);
for (const name of sections) {
  if (only.length && !only.includes(name)) continue;
  const { run } = await import(`./${name}.mjs`);
  await run({ quick });
}

console.log('\nTargets');
for (const t of targets) {
  console.log(
    `  ${t.ok ? 'ok  ' : 'MISS'} ${t.label.padEnd(48)} ${t.ratio.toFixed(2)} (${t.op} ${t.limit})`,
  );
}
process.exitCode = targets.every((t) => t.ok) ? 0 : 1;
