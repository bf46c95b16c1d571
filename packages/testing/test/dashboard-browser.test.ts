// The dashboard in a real headless Chromium (Debian's `chromium`, driven by puppeteer-core): it
// loads cleanly, follows the fake live, and its controls change what the API then reports.
import { FlareClient, FlareWorker } from '@flare/node';
import { FakeFlare, type RunningServer } from '@flare/testing';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot } from './helpers/browser.js';

const KEY = 'zf_test_sk_fake';
const LIVE_MS = 1_000; // "the page updates within a second of a change"
let fake: FakeFlare;
let server: RunningServer;
let browser: Browser;
let page: Page;
let problems: string[];
let requested: string[];
let flare: FlareClient;
const received: number[] = [];

/** The raw worker protocol (the SDK's worker loop is not on main yet). */
async function wire(path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(server.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function go(hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

/**
 * Presses the control `selector` until `ok(read())` holds: a live update may re-render the view
 * between finding a button and clicking it, and a click on a replaced button does nothing.
 */
async function pressUntil<T>(
  selector: string,
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  press: () => Promise<void> = () => page.locator(selector).click(),
): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const before = await read();
    if (ok(before) || Date.now() > deadline) return before;
    const enabled = await page
      .waitForSelector(`${selector}:not([disabled])`, { timeout: 1_000 })
      .catch(() => null);
    if (enabled) await press();
    const value = await until(read, ok, 1_000);
    if (ok(value)) return value;
  }
}

async function until<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  withinMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  let calls = 0;
  fake = new FakeFlare({
    webhooks: {
      // The first delivery of each event fails, so there is something to redeliver.
      endpoint: () => {
        received.push(++calls);
        return new Response(null, { status: calls === 1 ? 500 : 204 });
      },
      maxAttempts: 1,
    },
  });
  server = await fake.listen({ quiet: true });
  flare = new FlareClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 });
  ({ browser, page, problems, requested } = await openBrowser());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the dashboard in Chromium', () => {
  it('loads with no console error, fetching nothing but the fake itself', async () => {
    await page.goto(server.dashboardUrl, { waitUntil: 'load' });
    await page.waitForSelector('#live.on', { timeout: 5_000 });
    await page.waitForFunction(() =>
      document.querySelector('main')?.textContent?.includes('No jobs match.'),
    );
    expect(problems).toEqual([]);
    for (const url of requested)
      expect(url.startsWith(server.url) || url.startsWith('data:')).toBe(true);
    expect(await page.title()).toBe('Jobs · Flare fake');
  });

  it('shows a job created through the API within a second', async () => {
    const job = await flare.createJob({
      job_type: 'SendWelcomeEmail',
      payload: { to: 'a@b.c' },
      tags: ['onboarding'],
    });
    const started = Date.now();
    await page.waitForSelector(`a[href="#/jobs/${job.id}"]`, { timeout: LIVE_MS });
    expect(Date.now() - started).toBeLessThanOrEqual(LIVE_MS);
    const row = await page.$eval(`a[href="#/jobs/${job.id}"]`, (a) => a.closest('tr')!.textContent);
    expect(row).toContain('pending');
    expect(row).toContain('onboarding');
  });

  it("moves a running job's progress bar as its worker heartbeats", async () => {
    const job = await flare.createJob({ job_type: 'ResizeImage', queue: 'images', payload: {} });
    const claimed = (await wire('/v1/jobs/claim', {
      queues: ['images'],
      worker_id: 'worker-a',
      lease_seconds: 60,
    })) as {
      jobs: { id: string; lease: { id: string } }[];
    };
    const lease = claimed.jobs[0]!.lease.id;
    expect(claimed.jobs[0]!.id).toBe(job.id);
    const bar = `[role=progressbar][aria-label="Progress of ${job.id}"]`;
    for (const percent of [25, 70]) {
      await wire(`/v1/jobs/${job.id}/heartbeat`, {
        lease_id: lease,
        progress: { percent, message: `resized ${percent}%` },
      });
      await page.waitForSelector(`${bar}[aria-valuenow="${percent}"]`, { timeout: LIVE_MS });
    }
    const row = await page.$eval(bar, (b) => b.closest('tr')!.textContent);
    expect(row).toContain('resized 70%');
    await screenshot(page, 'jobs');

    await go('#/workers');
    await page.waitForFunction(() =>
      document.querySelector('main')?.textContent?.includes('worker-a'),
    );
    const text = await page.$eval('main', (m) => m.textContent);
    expect(text).toMatch(/holds 1/);
    // The lease (60 s) counts down on the page, second by second, without a refresh.
    const left = () =>
      page.$eval('[data-expires]', (el) => Number(/in (\d+) s/.exec(el.textContent ?? '')?.[1]));
    const first = await left();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(60);
    await page.waitForFunction(
      (was) =>
        Number(
          /in (\d+) s/.exec(document.querySelector('[data-expires]')?.textContent ?? '')?.[1],
        ) < was,
      { timeout: 3_000 },
      first,
    );
    await screenshot(page, 'workers');

    await go(`#/jobs/${job.id}`);
    await page.waitForSelector('ol.timeline li[data-kind="heartbeat"]');
    const timeline = await page.$eval('ol.timeline', (o) => o.textContent);
    expect(timeline).toContain('claimed by worker worker-a (attempt 1');
    expect(timeline).toContain('heartbeat from worker worker-a: 70% — resized 70%');
    await screenshot(page, 'job-detail');
  });

  it('injects a fault from the page that the next SDK call sees', async () => {
    await go('#/controls');
    const form = 'form[aria-labelledby="h-fault"]';
    await page.waitForSelector(form);
    await page.select(`${form} select[name=method]`, 'GET');
    await page.type(`${form} input[name=path]`, '/v1/jobs');
    await page.$eval(`${form} input[name=status]`, (i) => {
      (i as HTMLInputElement).value = '';
    });
    await page.type(`${form} input[name=status]`, '503');
    await page.locator(`${form} button[type=submit]`).click();
    await page.waitForFunction(
      () => document.getElementById('notice')?.textContent === 'Inject fault: done',
    );
    await page.waitForFunction(() =>
      document.querySelector('main')?.textContent?.includes('Remaining'),
    );
    await screenshot(page, 'controls');
    await expect(flare.listJobs({ limit: 1 })).rejects.toMatchObject({ status: 503 });
    const after = await flare.listJobs({ limit: 1 });
    expect(after.jobs).toHaveLength(1);
    await page.waitForFunction(
      () => document.querySelector('main')?.textContent?.includes('No fault is waiting.'),
      {
        timeout: LIVE_MS,
      },
    );
  });

  it('completes, fails and retries a job and advances the clock, as the API then reports', async () => {
    const job = await flare.createJob({ job_type: 'GenerateInvoice', payload: { order: 7 } });
    await go(`#/jobs/${job.id}`);
    await page.waitForFunction(
      (id) => document.querySelector('main')?.textContent?.includes(id),
      {},
      job.id,
    );
    const read = () => flare.getJob(job.id);
    const failed = await pressUntil('button[data-key=fail]', read, (j) => j?.state === 'failed');
    expect(failed?.state).toBe('failed');
    // Keyboard: focus the Retry button and press Enter.
    const retried = await pressUntil(
      'button[data-key=retry]',
      read,
      (j) => j?.state === 'pending',
      async () => {
        await page.focus('button[data-key=retry]');
        await page.keyboard.press('Enter');
      },
    );
    expect(retried).toMatchObject({ state: 'pending', attempts: 0 });
    const done = await pressUntil(
      'button[data-key=complete]',
      read,
      (j) => j?.state === 'succeeded',
    );
    expect(done).toMatchObject({ state: 'succeeded', result: { by: 'dashboard' } });

    const before = Date.parse(
      ((await (await fetch(`${server.url}/_fake/clock`)).json()) as { now: string }).now,
    );
    await go('#/controls');
    await page.waitForSelector('form[aria-labelledby="h-clock"]');
    await page.locator('form[aria-labelledby="h-clock"] button[type=submit]').click(); // 1 minute
    await page.waitForFunction(
      () => document.getElementById('notice')?.textContent === 'Advance clock: done',
    );
    const now = Date.parse(
      ((await (await fetch(`${server.url}/_fake/clock`)).json()) as { now: string }).now,
    );
    expect(now - before).toBeGreaterThanOrEqual(60_000);
  });

  it('lists webhook deliveries and redelivers a failed one', async () => {
    await go('#/webhooks');
    await page.waitForSelector('button[aria-label^="Redeliver evt_"]:not([disabled])');
    const first = fake.webhooks.find((w) => w.status === 'failed')!;
    expect(first.attempts).toHaveLength(1);
    await page.locator(`button[aria-label="Redeliver ${first.event.id}"]`).click();
    // The click only starts the page's request: wait for its answer before settling deliveries.
    await page.waitForFunction(
      (id) => document.getElementById('notice')?.textContent === `Redeliver ${id}: done`,
      {},
      first.event.id,
    );
    await fake.webhooksSettled();
    expect(fake.webhooks.find((w) => w.event.id === first.event.id)?.status).toBe('delivered');
    await page.waitForFunction(
      (id) =>
        document
          .querySelector(`button[aria-label="Redeliver ${id}"]`)
          ?.closest('tr')
          ?.textContent?.includes('delivered'),
      { timeout: LIVE_MS },
      first.event.id,
    );
    await screenshot(page, 'webhooks');
    await go('#/requests');
    await page.waitForFunction(() =>
      document.querySelector('main')?.textContent?.includes('/v1/jobs/claim'),
    );
    await screenshot(page, 'requests');
  });

  it('shows schedules with their next five runs in their zone and UTC', async () => {
    await fetch(`${server.url}/v1/schedules`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        cron: '0 9 * * 1-5',
        timezone: 'Europe/Berlin',
        job_type: 'DailyDigest',
      }),
    });
    await go('#/schedules');
    await page.waitForFunction(() => document.querySelectorAll('main li').length === 5);
    const runs = await page.$$eval('main li', (lis) => lis.map((li) => li.textContent));
    for (const run of runs) expect(run).toMatch(/09:00 · \d{4}-\d\d-\d\d 0[78]:00:00Z/);
    await screenshot(page, 'schedules');
  });

  it('is usable by keyboard, labels every control, and fits a narrow window', async () => {
    await page.setViewport({ width: 390, height: 800 });
    await go('#/jobs');
    await page.waitForSelector('form.filters');
    const unlabelled = await page.$$eval(
      'input, select, button',
      (els) =>
        els.filter(
          (el) =>
            !(el as HTMLInputElement).labels?.length &&
            !el.getAttribute('aria-label') &&
            !el.textContent?.trim(),
        ).length,
    );
    expect(unlabelled).toBe(0);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'jobs-narrow');
    // Tab from the top reaches the nav; Enter on "Workers" switches the view.
    await page.focus('nav a[data-view=workers]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#/workers');
    await page.setViewport({ width: 1280, height: 860 });
  });

  it("moves the bar as a FlareWorker's handler calls ctx.progress()", async () => {
    await go('#/jobs');
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const worker = new FlareWorker({
      client: flare,
      handlers: {
        Thumbnail: async (_job, ctx) => {
          ctx.progress(40, 'thumbnails 2 of 5');
          await finished;
          return { thumbnails: 5 };
        },
      },
      queues: ['thumbs'],
      leaseSeconds: 6, // a heartbeat every 2 s carries the latest progress
      pollWaitMs: 1_000,
      workerId: 'sdk-worker',
      handleSignals: false,
    });
    const running = worker.run();
    try {
      const job = await flare.createJob({ job_type: 'Thumbnail', queue: 'thumbs', payload: {} });
      const bar = `[role=progressbar][aria-label="Progress of ${job.id}"]`;
      // The next heartbeat (at most 2 s away) carries it; the page follows within a second.
      await page.waitForSelector(`${bar}[aria-valuenow="40"]`, { timeout: 2_000 + 500 + LIVE_MS });
      const row = await page.$eval(bar, (b) => b.closest('tr')!.textContent);
      expect(row).toContain('thumbnails 2 of 5');
    } finally {
      finish();
      await worker.close();
      await running;
    }
  });

  it('keeps working when the fake restarts and resets', async () => {
    const { port } = server;
    await server.close();
    await page.waitForSelector('#live:not(.on)', { timeout: 5_000 });
    fake = new FakeFlare();
    server = await fake.listen({ port, quiet: true });
    await go('#/jobs');
    await page.waitForSelector('#live.on', { timeout: 5_000 });
    const job = fake.createJob({ job_type: 'AfterRestart' });
    await page.waitForSelector(`a[href="#/jobs/${job.id}"]`, { timeout: LIVE_MS });

    await go('#/controls');
    await page.waitForSelector('button.danger');
    await page.locator('button.danger').click();
    await page.waitForFunction(
      () => document.getElementById('notice')?.textContent === 'Reset: done',
    );
    expect(fake.jobs).toEqual([]);
  });
});
