/**
 * The page's plumbing: a DOM builder (text only, never HTML, so nothing a job carries can inject
 * markup), fetch helpers, formatting, the fake clock and the live connection.
 */
export const scriptCore = String.raw`
'use strict';
var main = document.getElementById('main');
var clockState = { now: 0, at: 0, frozen: true };
function h(tag, attrs) {
  var el = document.createElement(tag);
  for (var k in attrs || {}) {
    var v = attrs[k];
    if (v == null || v === false) continue;
    if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  var kids = Array.prototype.slice.call(arguments, 2).flat(Infinity);
  for (var i = 0; i < kids.length; i++) {
    var c = kids[i];
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}
function errorText(body, status) {
  var e = body && body.error;
  if (e && typeof e === 'object') return e.message || e.code || 'HTTP ' + status;
  return e || 'HTTP ' + status;
}
async function api(path, init) {
  var res = await fetch(path, init);
  var body = await res.json().catch(function () { return {}; });
  if (!res.ok) throw new Error(errorText(body, res.status));
  return body;
}
function view(name, query) {
  return api('/_fake/ui/api/' + name + (query ? '?' + query : ''));
}
function control(path, body) {
  return api('/_fake' + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body || {}),
  });
}
function notice(text, isError) {
  var el = document.getElementById('notice');
  el.textContent = text;
  el.className = isError ? 'error' : 'muted';
}
async function act(label, run) {
  try {
    await run();
    notice(label + ': done');
  } catch (e) {
    notice(label + ' failed: ' + e.message, true);
  }
  refresh();
}
function fmt(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—';
}
function when(iso) {
  return h('span', { class: 'nowrap' }, fmt(iso));
}
function inZone(iso, zone) {
  var f = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23',
  });
  return f.format(new Date(iso));
}
function badge(state) {
  return h('span', { class: 'badge s-' + state }, state);
}
function fakeNow() {
  return clockState.now + (clockState.frozen ? 0 : Date.now() - clockState.at);
}
function countdown(iso) {
  var left = Math.round((Date.parse(iso) - fakeNow()) / 1000);
  return left >= 0 ? 'in ' + left + ' s' : 'expired ' + -left + ' s ago';
}
function ticking(iso) {
  return h('span', { 'data-expires': iso }, countdown(iso));
}
function progressCell(job) {
  var p = job.progress;
  if (!p) return job.state === 'running' ? h('span', { class: 'muted' }, 'no progress yet') : '';
  var pct = Math.round(p.percent);
  return h('div', {}, h('span', { class: 'nowrap' },
    h('span', {
      class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100,
      'aria-valuenow': pct, 'aria-label': 'Progress of ' + job.id,
    }, h('span', { style: 'width:' + pct + '%' })),
    ' ' + pct + '%'),
    p.message ? h('span', { class: 'pmsg' }, p.message) : null);
}
function jobLink(id) {
  return h('a', { href: '#/jobs/' + encodeURIComponent(id), class: 'mono', 'data-key': 'job-' + id }, id);
}
function table(head, rows, empty) {
  if (rows.length === 0) return h('p', { class: 'muted' }, empty);
  return h('div', { class: 'scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, head.map(function (c) { return h('th', { scope: 'col' }, c); }))),
    h('tbody', {}, rows.map(function (r) {
      return h('tr', {}, r.map(function (c, i) { return h('td', { 'data-label': head[i] }, c); }));
    }))));
}
async function loadClock() {
  var o = await view('overview');
  clockState = { now: Date.parse(o.now), at: Date.now(), frozen: o.frozen };
  document.getElementById('clock').textContent =
    'Fake clock ' + fmt(o.now) + (o.frozen ? ' (frozen)' : '') + ' · ' + o.jobs + ' jobs';
  return o;
}
setInterval(function () {
  var els = document.querySelectorAll('[data-expires]');
  for (var i = 0; i < els.length; i++) els[i].textContent = countdown(els[i].dataset.expires);
}, 1000);
`;
