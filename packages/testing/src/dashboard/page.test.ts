import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dashboardPage } from './page.js';

describe('the dashboard page', () => {
  it('is one self-contained document under 60 KB gzipped', () => {
    const gzipped = gzipSync(dashboardPage, { level: 9 }).length;
    expect(gzipped).toBeLessThan(60 * 1024);
    // Everything it loads is inline: no external script, stylesheet, image or font.
    expect(dashboardPage).not.toMatch(/<script[^>]+src=|<link[^>]+rel="stylesheet"|url\(|@import/);
    expect(dashboardPage).not.toMatch(/https?:\/\//);
  });

  it('parses as a script (a syntax error would only show in the browser)', () => {
    const script = /<script>([\s\S]*)<\/script>/.exec(dashboardPage)?.[1];
    expect(script?.length).toBeGreaterThan(1000);
    expect(() => new Function(script!)).not.toThrow();
  });
});
