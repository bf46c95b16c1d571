// In a real headless Chromium, FlareClient as a browser bundle gets it (the `browser` export
// condition of @flare/core and @flare/edge) refuses to start with a secret key unless the page
// opts in with `dangerouslyAllowBrowser: true`; opted in, it works against the fake.
import { fileURLToPath } from 'node:url';
import { FakeFlare, type RunningServer } from '@flare/testing';
import { build } from 'esbuild';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './helpers/browser.js';

const KEY = 'zf_test_sk_browser_guard';
const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));
let server: RunningServer;
let browser: Browser;
let page: Page;
let problems: string[];

/** `@flare/<name>` bundled as a browser app's bundler would (platform browser: `browser` condition). */
async function browserBundle(name: 'core' | 'edge'): Promise<string> {
  const result = await build({
    stdin: {
      contents: `export { FlareClient } from '@flare/${name}';`,
      resolveDir: `${PACKAGES}${name}`,
    },
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    globalName: 'Flare',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Runs the bundle in the page: the constructor's outcome, and with the opt-in a real call. */
async function tryInPage(code: string) {
  await page.goto(`${server.url}/v1/jobs`); // a same-origin document: the fake serves the API
  await page.addScriptTag({ content: code });
  return page.evaluate(
    async (key, baseUrl) => {
      const { FlareClient } = (globalThis as unknown as { Flare: typeof import('@flare/core') })
        .Flare;
      let refused: { name: string; message: string } | undefined;
      try {
        new FlareClient({ apiKey: key, baseUrl });
      } catch (error) {
        refused = { name: (error as Error).name, message: (error as Error).message };
      }
      const flare = new FlareClient({ apiKey: key, baseUrl, dangerouslyAllowBrowser: true });
      const job = await flare.createJob({ job_type: 'FromTheBrowser' });
      const read = await flare.getJob(job.id);
      return { refused, state: read?.state, jobType: read?.job_type };
    },
    KEY,
    server.url,
  );
}

beforeAll(async () => {
  server = await new FakeFlare({ apiKeys: [KEY] }).listen({ quiet: true });
  ({ browser, page, problems } = await openBrowser());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('FlareClient in a browser', () => {
  it.each(['core', 'edge'] as const)(
    '@flare/%s refuses a secret key without dangerouslyAllowBrowser, and works with it',
    async (name) => {
      const code = await browserBundle(name);
      expect(code).toContain('dangerouslyAllowBrowser');
      const outcome = await tryInPage(code);
      expect(outcome.refused?.name).toBe('FlareError');
      expect(outcome.refused?.message).toMatch(
        /refuses to run in a browser: your secret API key would ship to every visitor/,
      );
      expect(outcome.refused?.message).toContain('{ dangerouslyAllowBrowser: true }');
      expect(outcome.refused?.message).not.toContain(KEY);
      expect(outcome).toMatchObject({ state: 'pending', jobType: 'FromTheBrowser' });
      // (The document's own 401/404 loads are console noise; an uncaught page error is not.)
      expect(problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
    },
  );
});
