import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../errors/api-errors.js';
import type { FlareLogger } from '../types/observability.js';
import { apiError, claimedJob, stubFlare } from './__fixtures__/stub-flare.js';
import { FlareWorker } from './flare-worker.js';
import type { FlareWorkerOptions } from './types.js';
import { NonRetryableError } from './worker-errors.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

/** A logger that records every line with its level. */
function recorder() {
  const lines: Array<{ level: string; message: string; details: Record<string, unknown> }> = [];
  const at = (level: string) => (message: string, details?: Record<string, unknown>) =>
    lines.push({ level, message, details: details ?? {} });
  const logger: FlareLogger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  const of = (level: string) => lines.filter((l) => l.level === level).map((l) => l.message);
  return { lines, logger, of };
}

const handlers: FlareWorkerOptions['handlers'] = {
  Ping: async () => 'pong',
  Boom: async () => {
    throw new NonRetryableError('no such user (token Bearer zf_live_sk_leaked)');
  },
  Flaky: async () => {
    throw new Error('partner down');
  },
  // Runs until its lease is taken away.
  Slow: (_job, ctx) =>
    new Promise((_resolve, reject) =>
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
    ),
};

/** A worker whose first claim fails (503), then runs one job of each type; returns its lines. */
async function runAll(options: Partial<FlareWorkerOptions>) {
  const stub = stubFlare();
  let claims = 0;
  stub.routes.claim = () => (++claims === 1 ? apiError(503, 'service_unavailable') : undefined);
  stub.routes.heartbeat = () => apiError(409, 'lease_lost');
  stub.routes.fail = (req) => ({
    status: 200,
    body: { ...claimedJob(), id: req.jobId, state: req.body.retryable ? 'pending' : 'failed' },
  });
  const w = new FlareWorker({ client: stub.client, handlers, workerId: 'log-1', ...options });
  const events: Record<string, unknown>[] = [];
  for (const name of ['started', 'succeeded', 'failed'] as const) {
    w.on(name, (e) => events.push({ name, ...e }));
  }
  stub.push(claimedJob('Ping'), claimedJob('Boom', { attempts: 3 }), claimedJob('Flaky'));
  stub.push(claimedJob('Slow'));
  const run = w.run();
  await tick(1_000);
  await tick(20_000);
  await w.close();
  await run;
  return { events };
}

describe('FlareWorker log lines (decision 0011)', () => {
  it('logs routine steps at debug, a retried claim at info, a job given up or lost at warn', async () => {
    const { logger, of, lines } = recorder();
    const { events } = await runAll({ logger, logLevel: 'debug' });
    expect(of('info')).toEqual([
      'Flare worker started',
      expect.stringMatching(/^Flare claim failed; retrying in \d+ ms$/),
      'Flare worker stopped',
    ]);
    expect(of('debug')).toEqual(
      expect.arrayContaining([
        'Flare claimed 4 job(s)',
        expect.stringMatching(/^Flare job job_\w+ \(Ping\) started, attempt 1$/),
        expect.stringMatching(/^Flare job job_\w+ succeeded in \d+ ms$/),
        expect.stringMatching(/^Flare job job_\w+ failed attempt 1, to be retried: partner down$/),
      ]),
    );
    expect(of('warn')).toEqual([
      expect.stringMatching(
        /^Flare job job_\w+ failed for good at attempt 3: no such user \(token \[redacted\]\)$/,
      ),
      expect.stringMatching(/lease/i),
    ]);
    expect(of('error')).toEqual([]);
    // The event vocabulary: `attempt`, `durationMs`, `error`, `retryInMs`.
    const retried = lines.find((l) => l.message.startsWith('Flare claim failed'))!;
    expect(retried.details).toMatchObject({ retryInMs: expect.any(Number) });
    const given = lines.find((l) => l.message.includes('for good'))!;
    expect(given.details).toMatchObject({ jobType: 'Boom', attempt: 3, durationMs: 0 });
    expect(JSON.stringify(lines)).not.toContain('zf_live_sk_leaked');
    expect(events.map((e) => [e.name, e.attempt])).toEqual(
      expect.arrayContaining([
        ['started', 1],
        ['succeeded', 1],
        ['failed', 3],
      ]),
    );
    expect(events.find((e) => e.name === 'failed')).toHaveProperty('durationMs');
  });

  it('writes nothing below logLevel; FLARE_LOG sets the default, else info', async () => {
    const quiet = recorder();
    await runAll({ logger: quiet.logger, logLevel: 'warn' });
    expect(new Set(quiet.lines.map((l) => l.level))).toEqual(new Set(['warn']));
    const none = recorder();
    await runAll({ logger: none.logger, logLevel: 'off' });
    expect(none.lines).toEqual([]);
    const byDefault = recorder();
    await runAll({ logger: byDefault.logger });
    expect(byDefault.of('debug')).toEqual([]);
    expect(byDefault.of('info')).toContain('Flare worker started');
    vi.stubEnv('FLARE_LOG', 'debug');
    const fromEnv = recorder();
    await runAll({ logger: fromEnv.logger });
    expect(fromEnv.of('debug')).toContain('Flare claimed 4 job(s)');
  });

  it('refuses a logLevel that is not a level, naming the choices', () => {
    const stub = stubFlare();
    const make = () =>
      new FlareWorker({ client: stub.client, handlers, logLevel: 'verbose' as never });
    expect(make).toThrow(ValidationError);
    expect(make).toThrow('logLevel (or FLARE_LOG) must be one of debug, info, warn, error, off');
  });
});
