import { logRecorder } from '@flare/test-support/log-recorder';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FlareClient, type FlareEvent, logHooks, ValidationError } from '../src/index.js';
import { apiError, BASE, job, KEY } from './helpers.js';
import { client } from './msw-client.js';
import { useMswServer } from './msw-server.js';

const server = useMswServer();
const SECRET = 'whsec_observability_secret_do_not_log';

afterEach(() => vi.unstubAllEnvs());

/** Every path a call can take: success, a retried 503, a 404 answer, a 400, a network error. */
async function everyPath(flare: FlareClient) {
  let posts = 0;
  server.use(
    http.post(`${BASE}/v1/jobs`, () =>
      ++posts === 1
        ? apiError(503, 'api_error', 'service_unavailable')
        : HttpResponse.json(job(), { status: 201, headers: { 'x-request-id': 'req_ok' } }),
    ),
    http.get(`${BASE}/v1/jobs/job_missing`, () =>
      apiError(404, 'not_found_error', 'job_not_found'),
    ),
    // A misbehaving proxy that echoes the credentials it was sent into its error body.
    http.post(`${BASE}/v1/jobs/job_bad/cancel`, ({ request }) =>
      HttpResponse.json(
        {
          error: {
            type: 'api_error',
            message: `${request.headers.get('authorization')} ${SECRET}`,
          },
        },
        { status: 500 },
      ),
    ),
    http.post(`${BASE}/v1/jobs/job_net/retry`, () => HttpResponse.error()),
  );
  await flare.createJob({ job_type: 'A' });
  await flare.getJob('job_missing');
  await flare.cancelJob('job_bad').catch(() => {});
  await flare.retryJob('job_net').catch(() => {});
}

describe('request lifecycle hooks', () => {
  it('report request, response, retry and error with the same fields', async () => {
    const events: FlareEvent[] = [];
    const push = (e: FlareEvent) => events.push(e);
    const flare = client({
      hooks: { onRequest: push, onResponse: push, onRetry: push, onError: push },
    });
    await everyPath(flare);
    const created = events.filter((e) => e.path === '/v1/jobs');
    expect(created.map((e) => [e.type, e.attempt, e.status])).toEqual([
      ['request', 1, undefined],
      ['response', 1, 503],
      ['retry', 1, 503],
      ['request', 2, undefined],
      ['response', 2, 201],
    ]);
    const retry = created[2]!;
    expect(retry.retryInMs).toBeGreaterThanOrEqual(0);
    expect(retry.idempotencyKey).toMatch(/\S/);
    expect(created[4]).toMatchObject({ method: 'POST', requestId: 'req_ok' });
    expect(created[4]!.durationMs).toBeGreaterThanOrEqual(0);
    // getJob's 404 is its answer (null): a response, not a failed call.
    const missing = events.filter((e) => e.path === '/v1/jobs/job_missing');
    expect(missing.map((e) => [e.type, e.status])).toEqual([
      ['request', undefined],
      ['response', 404],
    ]);
    const failed = events.filter((e) => e.type === 'error').map((e) => [e.path, e.status]);
    expect(failed).toEqual([
      ['/v1/jobs/job_bad/cancel', 500],
      ['/v1/jobs/job_net/retry', undefined],
    ]);
    // The events' own fields never hold a credential (the errors carry what the server sent).
    expect(JSON.stringify(events.map(({ error, ...fields }) => fields))).not.toContain(KEY);
  });

  it('a hook that throws never breaks the call', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    server.use(http.post(`${BASE}/v1/jobs`, () => HttpResponse.json(job(), { status: 201 })));
    const flare = client({
      hooks: {
        onResponse() {
          throw new Error('hook bug');
        },
      },
    });
    await expect(flare.createJob({ job_type: 'A' })).resolves.toMatchObject({ object: 'job' });
    expect(error).toHaveBeenCalledWith('flare: a hook threw', expect.any(Error));
    error.mockRestore();
  });

  it('rejects a hook that is not a function with a ValidationError naming it', () => {
    const bad = () => client({ hooks: { onRetry: 'log' } as never });
    expect(bad).toThrow(ValidationError);
    expect(bad).toThrow('hooks.onRetry must be a function');
    // A misspelt hook would never be called.
    const typo = () => client({ hooks: { onRequst: () => {} } as never });
    expect(typo).toThrow(ValidationError);
    expect(typo).toThrow('Unknown hook onRequst: use onRequest, onResponse, onRetry, onError');
  });
});

describe('logHooks', () => {
  it.each(['debug', 'info', 'warn', 'error', 'off'] as const)(
    'never writes the API key, the Authorization header or a secret at %s',
    async (logLevel) => {
      const { logger, text } = logRecorder();
      await everyPath(client({ hooks: logHooks({ logger, logLevel }) }));
      expect(text()).not.toContain(KEY);
      expect(text()).not.toContain(SECRET);
      expect(text().toLowerCase()).not.toContain('bearer');
    },
  );

  it('logs each response at debug, retries at info, and given-up retryable calls at warn', async () => {
    const { lines, logger } = logRecorder();
    await everyPath(client({ hooks: logHooks({ logger, logLevel: 'debug' }), maxRetries: 1 }));
    const at = (level: string) => lines.filter((l) => l.level === level).map((l) => l.message);
    expect(at('debug')).toContainEqual(
      expect.stringMatching(/^flare: POST \/v1\/jobs 201 in \d+ ms \(request req_ok\)$/),
    );
    // A 404 is getJob's answer (null), not a failure.
    expect(at('debug')).toContainEqual(
      expect.stringMatching(/^flare: GET \/v1\/jobs\/job_missing 404 in \d+ ms/),
    );
    expect(lines.map((l) => l.message).join('\n')).not.toMatch(/job_missing failed/);
    expect(at('info')[0]).toMatch(
      /^flare: POST \/v1\/jobs failed \(.+\), retrying in \d+ ms \(request req_from_header\)$/,
    );
    expect(at('warn')).toEqual([
      expect.stringMatching(/^flare: POST \/v1\/jobs\/job_bad\/cancel failed after 2 attempts: /),
      expect.stringMatching(/^flare: POST \/v1\/jobs\/job_net\/retry failed after 2 attempts: /),
    ]);
    expect(at('warn')[0]).toContain('[redacted]');
    const retry = lines.find((l) => l.level === 'info')!.details;
    expect(retry).toMatchObject({ method: 'POST', path: '/v1/jobs', attempt: 1, status: 503 });
    expect(retry).toHaveProperty('retryInMs', expect.any(Number));
  });

  it('defaults to warnings only, and reads FLARE_LOG', async () => {
    const quiet = logRecorder();
    await everyPath(client({ hooks: logHooks({ logger: quiet.logger }) }));
    expect(new Set(quiet.lines.map((l) => l.level))).toEqual(new Set(['warn']));
    vi.stubEnv('FLARE_LOG', 'info');
    const chatty = logRecorder();
    await everyPath(client({ hooks: logHooks({ logger: chatty.logger }) }));
    expect(chatty.lines.map((l) => l.level)).toContain('info');
    expect(chatty.lines.map((l) => l.level)).not.toContain('debug');
  });

  it('calls the hooks it wraps', async () => {
    const seen: string[] = [];
    const { logger } = logRecorder();
    const hooks = logHooks(
      { logger },
      { onRequest: (e) => seen.push(e.type), onResponse: (e) => seen.push(e.type) },
    );
    await everyPath(client({ hooks }));
    expect(seen.slice(0, 2)).toEqual(['request', 'response']);
  });

  it('says what to fix for a bad level, logger or hooks', () => {
    expect(() => logHooks({ logLevel: 'verbose' as never })).toThrow(
      'logLevel (or FLARE_LOG) must be one of debug, info, warn, error, off',
    );
    vi.stubEnv('FLARE_LOG', 'loud');
    expect(() => logHooks()).toThrow(/FLARE_LOG/);
    expect(() => logHooks({ logLevel: 'warn', logger: { warn() {} } as never })).toThrow(
      'logger must have debug, info, warn and error methods (console does)',
    );
    expect(() => logHooks({}, null as never)).toThrow(/hooks must be an object/);
  });
});
