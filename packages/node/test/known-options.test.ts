import { FlareClient, ValidationError } from '@flare/node';
import { describe, expect, it } from 'vitest';

const KEY = 'zf_test_sk_known_options';

describe('FlareClient options in plain JavaScript', () => {
  it.each([
    ['maxRetry', 'maxRetries'],
    ['timeout', 'timeoutMs'],
    ['baseURL', 'baseUrl'],
    ['apikey', 'apiKey'],
  ])('rejects %s with a ValidationError naming %s', (name, closest) => {
    const run = () => new FlareClient({ apiKey: KEY, [name]: 1 } as never);
    expect(run).toThrow(ValidationError);
    expect(run).toThrow(`Unknown FlareClient option "${name}": did you mean "${closest}"?`);
    try {
      run();
    } catch (error) {
      expect(error).toMatchObject({ param: name, code: 'parameter_invalid' });
      expect((error as Error).message).not.toContain(KEY);
    }
  });

  it('rejects a per-client headers option, pointing to defaultHeaders', () => {
    expect(() => new FlareClient({ apiKey: KEY, headers: { 'x-a': '1' } } as never)).toThrow(
      'Unknown FlareClient option "headers": did you mean "defaultHeaders"?',
    );
  });

  it.each([
    ['fetch', { fetch: 'https://proxy.example' }],
    ['transport', { transport: { request() {} } }],
  ])('rejects a %s that is not a function, naming it, before any call', (param, opts) => {
    const run = () => new FlareClient({ apiKey: KEY, ...opts } as never);
    expect(run).toThrow(ValidationError);
    expect(run).toThrow(`${param} must be a function`);
    try {
      run();
    } catch (error) {
      expect(error).toMatchObject({ param, code: 'parameter_invalid' });
    }
  });

  it('accepts every documented option', () => {
    const all = {
      apiKey: KEY,
      baseUrl: 'http://127.0.0.1:1',
      maxRetries: 0,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 1,
      maxResponseBytes: 1,
      timeoutMs: 1,
      defaultHeaders: { 'x-gateway-key': 'gw' },
      fetch: globalThis.fetch,
      transport: undefined,
      dangerouslyAllowBrowser: false,
    };
    expect(new FlareClient(all).baseUrl).toBe('http://127.0.0.1:1');
  });
});
