import { FlareClient } from '@flare/node';

const JOB = JSON.stringify({
  id: 'job_1',
  object: 'job',
  payload: { a: 1 },
  state: 'pending',
  created_at: '2026-01-01T00:00:00.000Z',
});
const headers = { get: (n) => (n === 'x-request-id' ? 'r' : null) };
const res = { status: 200, headers, text: () => Promise.resolve(JOB) };
const flare = new FlareClient({
  apiKey: 'zf_test_sk_bench',
  baseUrl: 'http://x',
  transport: () => Promise.resolve(res),
});
for (const [name, fn] of [
  ['getJob', () => flare.getJob('job_1')],
  ['createJob', () => flare.createJob({ job_type: 'A', payload: { a: 1 } })],
  ['baseline JSON.parse', async () => JSON.parse(JOB)],
]) {
  for (let i = 0; i < 20000; i++) await fn();
  const t = process.hrtime.bigint();
  for (let i = 0; i < 200000; i++) await fn();
  console.log(name, (Number(process.hrtime.bigint() - t) / 200000 / 1000).toFixed(2), 'µs');
}
