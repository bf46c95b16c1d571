// The browser entry's FlareClient, in Node with a page's globals stubbed (the real-Chromium run is
// packages/testing/test/browser-key-guard.test.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FlareClient, FlareError } from '../src/browser.js';
import { FlareClient as ServerClient } from '../src/index.js';
import { KEY } from './helpers.js';

afterEach(() => vi.unstubAllGlobals());

describe('FlareClient from the browser entry', () => {
  it('refuses a key in a page, saying why, without echoing it', () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    const run = () => new FlareClient({ apiKey: KEY });
    expect(run).toThrow(FlareError);
    expect(run).toThrow(/your secret API key would ship to every visitor of the page/);
    expect(run).toThrow(/\{ dangerouslyAllowBrowser: true \}/);
    try {
      run();
    } catch (error) {
      expect((error as Error).message).not.toContain(KEY);
    }
    // The core client (Node, Workers) never checks.
    expect(new ServerClient({ apiKey: KEY })).toBeInstanceOf(ServerClient);
  });

  it('starts in a page given dangerouslyAllowBrowser: true, and outside a page at all', () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    const opted = new FlareClient({ apiKey: KEY, dangerouslyAllowBrowser: true });
    expect(opted).toBeInstanceOf(ServerClient);
    vi.unstubAllGlobals();
    vi.stubGlobal('window', {}); // Deno 1.x had a window and no document
    expect(new FlareClient({ apiKey: KEY }).baseUrl).toBe('https://api.zeridion.com');
  });
});
