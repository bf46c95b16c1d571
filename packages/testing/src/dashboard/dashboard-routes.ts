import type { ServerResponse } from 'node:http';
import type { ControlRoutes } from '../adapters/http-server.js';
import { ApiFailure } from '../engine/api-failure.js';
import type { FakeResponse } from '../engine/types.js';
import type { ChangeFeed } from '../internal/change-feed.js';
import type { DashboardData } from './dashboard-data.js';
import { dashboardPage } from './page.js';

/** Where the dashboard is served, under the HTTP server's root. */
export const DASHBOARD_PATH = '/_fake/ui';
/** The server-sent events stream of changes. */
export const EVENTS_PATH = '/_fake/events';

/** Keeps idle proxies and browsers from dropping a quiet stream. */
const KEEPALIVE_MS = 15_000;

const json = (status: number, body: unknown): FakeResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body,
});

/**
 * The dashboard's GET routes: the page itself and the JSON each of its views reads. Unknown
 * paths fall through (`undefined`) to the control API.
 */
export function dashboardRoutes(data: DashboardData): ControlRoutes {
  return (method, url) => {
    const path = url.pathname;
    if (method !== 'GET' || !path.startsWith(DASHBOARD_PATH)) return undefined;
    if (path === DASHBOARD_PATH || path === `${DASHBOARD_PATH}/`) {
      return {
        status: 200,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          // Everything is inline and same-origin: nothing else may load.
          'content-security-policy':
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; " +
            "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'",
        },
        body: dashboardPage,
      };
    }
    const view = path.slice(`${DASHBOARD_PATH}/api/`.length);
    try {
      if (view === 'overview') return json(200, data.overview());
      if (view === 'jobs') return json(200, data.jobs(url.searchParams));
      if (view.startsWith('jobs/')) return json(200, data.job(decodeURIComponent(view.slice(5))));
      if (view === 'workers') return json(200, data.workers());
      if (view === 'schedules') return json(200, data.schedules());
      if (view === 'webhooks') return json(200, data.webhooks());
      if (view === 'requests') return json(200, data.requests());
    } catch (error) {
      if (error instanceof ApiFailure) return json(error.status, error.body('dashboard'));
      throw error;
    }
    return json(404, { error: `No dashboard endpoint ${method} ${path}` });
  };
}

/**
 * `GET /_fake/events`: one `change` event per change in the fake (`data` names its kind and id),
 * for as long as the browser stays. `retry` tells `EventSource` to reconnect after a second,
 * which is what keeps the page live across a restart of the fake.
 */
export function serveEvents(feed: ChangeFeed, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write('retry: 1000\n\n');
  const stop = feed.on((change) => {
    res.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
  });
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  keepalive.unref();
  res.once('close', () => {
    stop();
    clearInterval(keepalive);
  });
}
