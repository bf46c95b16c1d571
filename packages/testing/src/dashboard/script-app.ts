/**
 * The page's router (hash routes, so a reload or a shared link keeps the view) and its live
 * connection: every change the fake reports over `/_fake/events` refreshes the current view
 * (coalesced), and `EventSource` reconnects by itself when the fake restarts.
 */
export const scriptApp = `
var VIEWS = { jobs: JobsView, workers: WorkersView, schedules: SchedulesView,
  webhooks: WebhooksView, requests: RequestsView, controls: ControlsView };
var current = { key: null, view: null, q: null, id: null, body: null };
function route() {
  var raw = location.hash.slice(1) || '/jobs';
  var i = raw.indexOf('?');
  var parts = (i < 0 ? raw : raw.slice(0, i)).split('/').filter(Boolean);
  var q = new URLSearchParams(i < 0 ? '' : raw.slice(i + 1));
  var name = VIEWS[parts[0]] ? parts[0] : 'jobs';
  var id = name === 'jobs' && parts[1] ? decodeURIComponent(parts[1]) : null;
  return { name: name, key: raw, view: id ? JobView : VIEWS[name], q: q, id: id };
}
async function show() {
  var r = route();
  var links = document.querySelectorAll('nav a');
  for (var i = 0; i < links.length; i++) {
    if (links[i].dataset.view === r.name) links[i].setAttribute('aria-current', 'page');
    else links[i].removeAttribute('aria-current');
  }
  var moved = current.key !== null;
  var body = h('div', { 'aria-live': 'off' });
  current = { key: r.key, view: r.view, q: r.q, id: r.id, body: body };
  document.title = (r.id || r.name[0].toUpperCase() + r.name.slice(1)) + ' · Flare fake';
  var parts = [h('p', { id: 'notice', role: 'status' })].concat(r.view.head(r.q, r.id), [body]);
  main.replaceChildren.apply(main, parts);
  if (moved) main.focus();
  await refresh();
}
var busy = false;
var again = false;
async function refresh() {
  if (busy) { again = true; return; }
  busy = true;
  var target = current;
  try {
    if (target.view !== ControlsView) await loadClock();
    var nodes = await target.view.body(target.q, target.id);
    if (target !== current) return;
    var focused = document.activeElement && document.activeElement.dataset &&
      document.activeElement.dataset.key;
    target.body.replaceChildren.apply(target.body, [].concat(nodes).filter(Boolean));
    if (focused) {
      var el = target.body.querySelector('[data-key="' + focused + '"]');
      if (el && !el.disabled) el.focus();
    }
  } catch (e) {
    if (target === current) target.body.replaceChildren(h('p', { class: 'error' }, e.message));
  } finally {
    busy = false;
    if (again) { again = false; refresh(); }
  }
}
var timer = null;
function changed(kind) {
  if (kind !== 'clock' && current.view && current.view.kinds.indexOf(kind) < 0) return;
  if (timer) return;
  timer = setTimeout(function () { timer = null; refresh(); }, 100);
}
function live(on) {
  var el = document.getElementById('live');
  el.textContent = on ? 'live' : 'reconnecting…';
  el.className = on ? 'on' : '';
}
function connect() {
  var es = new EventSource('/_fake/events');
  es.onopen = function () { live(true); refresh(); };
  es.onerror = function () {
    live(false);
    // A closed stream does not retry by itself: start over.
    if (es.readyState === 2) { es.close(); setTimeout(connect, 1000); }
  };
  es.addEventListener('change', function (m) {
    var c = JSON.parse(m.data);
    changed(c.kind);
  });
}
window.addEventListener('hashchange', show);
show();
connect();
`;
