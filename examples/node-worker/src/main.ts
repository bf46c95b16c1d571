// The worker process: `node dist/main.js` (or `npx tsx src/main.ts`). Reads FLARE_API_KEY (and
// FLARE_BASE_URL, for a staging API or a local fake). SIGTERM or Ctrl-C stops claiming, lets the
// running jobs finish (30 s at most, then they are released to the queue) and the process exits 0.
import { FlareClient, FlareWorker } from '@flare/node';
import { fakeMailer, handlers } from './handlers.js';

const worker = new FlareWorker({
  client: new FlareClient({ baseUrl: process.env.FLARE_BASE_URL }),
  concurrency: 8,
  handlers: handlers(fakeMailer(() => Number(process.env.SEND_DELAY_MS ?? 200))),
  logger: console,
});

worker.on('succeeded', ({ job, durationMs }) => console.log(`ok ${job.id} in ${durationMs} ms`));
worker.on('failed', ({ job, error, final }) =>
  console.warn(`${final ? 'failed' : 'will retry'} ${job.id}: ${(error as Error).message}`),
);

console.log(`worker ${worker.workerId} running`);
await worker.run();
console.log('worker stopped');
// Nothing else to do: the process exits on its own (code 0).
