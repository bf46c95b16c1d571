import { pageStyle } from './page-style.js';
import { scriptApp } from './script-app.js';
import { scriptCore } from './script-core.js';
import { scriptJobs } from './script-jobs.js';
import { scriptViews } from './script-views.js';

const NAV = ['jobs', 'workers', 'schedules', 'webhooks', 'requests', 'controls'];

/**
 * The whole dashboard: one self-contained HTML document (inline CSS and JS, nothing fetched but
 * the fake's own `/_fake/*` JSON and events), so it needs no build step and no network.
 */
export const dashboardPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Flare fake</title>
<link rel="icon" href="data:,">
<style>${pageStyle}</style>
</head>
<body>
<a class="skip" href="#main" onclick="event.preventDefault();document.getElementById('main').focus()">Skip to content</a>
<header><h1>Flare fake</h1><span class="meta" id="clock"></span><span id="live" role="status">connecting…</span></header>
<nav aria-label="Views">${NAV.map((v) => `<a href="#/${v}" data-view="${v}">${v[0]!.toUpperCase()}${v.slice(1)}</a>`).join('')}</nav>
<main id="main" tabindex="-1"></main>
<script>${scriptCore}${scriptJobs}${scriptViews}${scriptApp}</script>
</body>
</html>
`;
