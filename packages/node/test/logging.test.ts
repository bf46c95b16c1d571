import { FlareClient, type FlareEvent } from '@flare/node';
import { startServer } from '@flare/test-support/local-server';
import { logRecorder } from '@flare/test-support/log-recorder';
import { job } from '@flare/test-support/wire';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const KEY = 'zf_test_sk_node_logging_secret';
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const client = (opts: Record<string, unknown> = {}) =>
  new FlareClient({
    apiKey: KEY,
    baseUrl: server.url,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    ...opts,
  });

/** Success, a retried 503, an echoing 500, a timeout and a refused connection. */
async function everyPath(opts: Record<string, unknown>) {
  let n = 0;
  server.handle((req, res) => {
    if (req.url === '/v1/jobs' && ++n === 1) {
      res
        .writeHead(503, { 'content-type': 'application/json' })
        .end('{"error":{"type":"api_error"}}');
    } else if (req.url === '/v1/jobs') {
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(job()));
    } else if (req.url?.endsWith('/cancel')) {
      const echo = `${req.headers.authorization} whsec_node_secret`;
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'api_error', message: echo } }));
    } // anything else never answers: a timeout
  });
  const flare = client(opts);
  await flare.createJob({ job_type: 'A' });
  await flare.cancelJob('job_x').catch(() => {});
  await flare.getJob('job_slow', { timeoutMs: 20, maxRetries: 1 }).catch(() => {});
  const refused = client({ ...opts, baseUrl: 'http://127.0.0.1:1', maxRetries: 1 });
  await refused.getJob('job_y').catch(() => {});
}

describe('@flare/node logging', () => {
  it('warns by default, on the console, only for calls that gave up', async () => {
    const spies = (['debug', 'info', 'warn', 'error'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    );
    await everyPath({});
    const [debug, info, warn, error] = spies;
    expect(debug).not.toHaveBeenCalled();
    expect(info).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    expect(warn!.mock.calls.map((c) => c[0])).toEqual([
      expect.stringMatching(/^flare: POST \/v1\/jobs\/job_x\/cancel failed after 4 attempts/),
      expect.stringMatching(
        /^flare: GET \/v1\/jobs\/job_slow failed after 2 attempts: Request timed out/,
      ),
      expect.stringMatching(
        /^flare: GET \/v1\/jobs\/job_y failed after 2 attempts: Could not reach/,
      ),
    ]);
  });

  it.each(['debug', 'info', 'warn', 'error', 'off'])(
    'never writes the key, the Authorization header or a secret at %s (option and FLARE_LOG)',
    async (level) => {
      const viaOption = logRecorder();
      await everyPath({ logger: viaOption.logger, logLevel: level });
      vi.stubEnv('FLARE_LOG', level);
      const viaEnv = logRecorder();
      await everyPath({ logger: viaEnv.logger });
      // FLARE_LOG sets the same level the option does.
      expect(viaEnv.lines.map((l) => l.level)).toEqual(viaOption.lines.map((l) => l.level));
      for (const text of [JSON.stringify(viaOption.lines), JSON.stringify(viaEnv.lines)]) {
        expect(text).not.toContain(KEY);
        expect(text).not.toContain('whsec_node_secret');
        expect(text.toLowerCase()).not.toContain('bearer');
      }
      if (level === 'debug') expect(viaOption.lines.length).toBeGreaterThan(5);
      if (level === 'off') expect(viaOption.lines).toEqual([]);
    },
  );

  it('still calls the caller hooks, with the same events', async () => {
    const events: FlareEvent[] = [];
    const { logger } = logRecorder();
    await everyPath({ logger, hooks: { onError: (e: FlareEvent) => events.push(e) } });
    expect(events.map((e) => e.path)).toEqual([
      '/v1/jobs/job_x/cancel',
      '/v1/jobs/job_slow',
      '/v1/jobs/job_y',
    ]);
  });

  it('says what to fix for a bad FLARE_LOG', () => {
    vi.stubEnv('FLARE_LOG', 'verbose');
    expect(() => client()).toThrow(
      'logLevel (or FLARE_LOG) must be one of debug, info, warn, error, off',
    );
  });
});
