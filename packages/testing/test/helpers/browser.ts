import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Where the browser tests save their screenshots (git-ignored, never committed). */
export const SCREENSHOTS = fileURLToPath(new URL('../../.screenshots/', import.meta.url));

/** Debian's `chromium` (or `CHROMIUM_PATH`); `.ci/run` installs it when missing. */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    throw new Error(
      'The dashboard tests need Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)',
    );
  }
}

/** A headless Chromium (no sandbox: CI runs as root) and a page that records what went wrong. */
export async function openBrowser(): Promise<{
  browser: Browser;
  page: Page;
  problems: string[];
  requested: string[];
}> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 860 });
  const problems: string[] = [];
  const requested: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${(e as Error).message}`));
  page.on('request', (r) => requested.push(r.url()));
  return { browser, page, problems, requested };
}

/** Saves a full-page screenshot as `.screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}
