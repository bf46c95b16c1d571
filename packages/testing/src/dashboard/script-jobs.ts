/** The jobs view (filters, newest-first pages like the API) and a job's detail with its timeline. */
export const scriptJobs = `
var STATES = ['pending', 'scheduled', 'running', 'succeeded', 'failed', 'cancelled'];
var PAGE = 25;
function jobsForm(q) {
  function field(name, label) {
    return h('label', {}, label, h('input', { name: name, value: q.get(name) || '', size: 14 }));
  }
  var state = h('select', { name: 'state' }, h('option', { value: '' }, 'any'),
    STATES.map(function (s) {
      return h('option', { value: s, selected: q.get('state') === s }, s);
    }));
  return h('form', {
    class: 'filters', 'aria-label': 'Filter jobs',
    onsubmit: function (e) {
      e.preventDefault();
      var p = new URLSearchParams();
      new FormData(e.target).forEach(function (v, k) { if (v) p.set(k, v); });
      location.hash = '#/jobs' + (p.toString() ? '?' + p : '');
    },
  }, h('label', {}, 'State', state), field('queue', 'Queue'), field('job_type', 'Job type'),
    field('tag', 'Tag'), h('button', { type: 'submit' }, 'Filter'),
    h('button', { type: 'button', class: 'secondary',
      onclick: function () { location.hash = '#/jobs'; } }, 'Clear'));
}
var JobsView = {
  kinds: ['job', 'reset', 'clock'],
  head: function (q) {
    return [h('h2', {}, 'Jobs'), jobsForm(q)];
  },
  body: async function (q) {
    var p = new URLSearchParams(q);
    p.set('limit', String(PAGE));
    var page = await view('jobs', p.toString());
    var rows = page.jobs.map(function (j) {
      return [jobLink(j.id), j.job_type, j.queue, badge(j.state), j.attempts + ' / ' + j.max_attempts,
        progressCell(j), j.tags.join(', '), when(j.created_at)];
    });
    var back = (q.get('back') || '').split(',').filter(Boolean);
    function go(cursor, stack) {
      var n = new URLSearchParams(q);
      n.delete('cursor'); n.delete('back');
      if (cursor) n.set('cursor', cursor);
      if (stack.length) n.set('back', stack.join(','));
      location.hash = '#/jobs?' + n;
    }
    return [table(['Job', 'Type', 'Queue', 'State', 'Attempts', 'Progress', 'Tags', 'Created'],
      rows, 'No jobs match.'),
      h('nav', { class: 'pager', 'aria-label': 'Pages' },
        h('button', { class: 'secondary', disabled: !q.get('cursor'), 'data-key': 'newer',
          onclick: function () {
            var prev = back.slice(0, -1);
            go(back[back.length - 1] === '-' ? '' : back[back.length - 1], prev);
          } }, '← Newer'),
        h('button', { class: 'secondary', disabled: !page.has_more, 'data-key': 'older',
          onclick: function () { go(page.next_cursor, back.concat(q.get('cursor') || '-')); } },
        'Older →'))];
  },
};
function describe(e) {
  var who = e.worker_id ? 'worker ' + e.worker_id : 'no worker_id';
  var err = e.error ? (e.error.type ? e.error.type + ': ' : '') + e.error.message : '';
  var again = e.run_at ? '; eligible again ' + fmt(e.run_at) : '';
  switch (e.kind) {
    case 'created': return e.schedule_id
      ? 'created by schedule ' + e.schedule_id + ' for its ' + fmt(e.tick_at) + ' tick' : 'created';
    case 'due': return 'became due (pending)';
    case 'claimed': return 'claimed by ' + who + ' (attempt ' + e.attempt + ', lease ' + e.lease_id +
      ' until ' + fmt(e.run_at) + ')';
    case 'heartbeat': return 'heartbeat from ' + who +
      (e.progress ? ': ' + e.progress.percent + '%' + (e.progress.message ? ' — ' + e.progress.message : '') : '');
    case 'attempt_failed': return 'attempt ' + e.attempt + ' failed (' + who + '): ' + err + again;
    case 'lease_expired': return 'lease expired on attempt ' + e.attempt + ' (' + who + ')' + again;
    case 'failed': return 'failed on attempt ' + e.attempt + ' (' + who + '): ' + err;
    case 'released': return 'released by ' + who + (e.run_at ? '; eligible ' + fmt(e.run_at) : '');
    case 'succeeded': return 'succeeded (' + who + ')';
    default: return e.kind;
  }
}
function timeline(d) {
  var items = d.history.map(function (e) { return { at: e.at, text: describe(e), kind: e.kind }; });
  d.webhooks.forEach(function (w) {
    var tries = w.attempts.map(function (a) { return a.status ? String(a.status) : 'error: ' + a.error; });
    items.push({ at: w.attempts.length ? w.attempts[0].at : d.job.updated_at, kind: 'webhook',
      text: 'webhook ' + w.type + ' ' + w.id + ': ' + w.status +
        (tries.length ? ' (attempts: ' + tries.join(', ') + ')' : '') });
  });
  items.sort(function (a, b) { return a.at < b.at ? -1 : a.at > b.at ? 1 : 0; });
  return h('ol', { class: 'timeline', 'aria-label': 'Timeline' }, items.map(function (i) {
    return h('li', { 'data-kind': i.kind }, h('span', { class: 'mono muted' }, fmt(i.at)), h('span', {}, i.text));
  }));
}
function json(v) { return h('pre', {}, v == null ? 'null' : JSON.stringify(v, null, 2)); }
var JobView = {
  kinds: ['job', 'webhook', 'reset', 'clock'],
  head: function (q, id) {
    return [h('p', {}, h('a', { href: '#/jobs' }, '← All jobs')), h('h2', { class: 'mono' }, id)];
  },
  body: async function (q, id) {
    var d = await view('jobs/' + encodeURIComponent(id));
    var j = d.job;
    var done = ['succeeded', 'failed', 'cancelled'].indexOf(j.state) >= 0;
    var path = '/jobs/' + encodeURIComponent(id);
    function btn(label, key, enabled, run, cls) {
      return h('button', { 'data-key': key, disabled: !enabled, class: cls,
        onclick: function () { act(label + ' ' + id, run); } }, label);
    }
    return [
      h('div', { class: 'row', role: 'group', 'aria-label': 'Job actions' },
        btn('Complete', 'complete', !done, function () { return control(path + '/complete', { result: { by: 'dashboard' } }); }),
        btn('Fail', 'fail', !done, function () {
          return control(path + '/fail', { error: { message: 'Failed from the dashboard', type: 'DashboardFail' } });
        }, 'danger'),
        btn('Cancel', 'cancel', !done, function () { return control(path + '/cancel'); }, 'secondary'),
        btn('Retry', 'retry', j.state === 'failed' || j.state === 'cancelled',
          function () { return control(path + '/retry'); }, 'secondary')),
      h('div', { class: 'grid2' },
        h('section', { 'aria-label': 'Job fields' }, h('dl', {},
          h('dt', {}, 'State'), h('dd', {}, badge(j.state)),
          h('dt', {}, 'Type'), h('dd', {}, j.job_type), h('dt', {}, 'Queue'), h('dd', {}, j.queue),
          h('dt', {}, 'Attempts'), h('dd', {}, j.attempts + ' / ' + j.max_attempts),
          h('dt', {}, 'Progress'), h('dd', {}, progressCell(j) || '—'),
          h('dt', {}, 'Tags'), h('dd', {}, j.tags.length ? j.tags.join(', ') : '—'),
          h('dt', {}, 'Run at'), h('dd', {}, fmt(j.run_at)),
          h('dt', {}, 'Created'), h('dd', {}, fmt(j.created_at)),
          h('dt', {}, 'Started'), h('dd', {}, fmt(j.started_at)),
          h('dt', {}, 'Finished'), h('dd', {}, fmt(j.finished_at)),
          h('dt', {}, 'Held by'), h('dd', {}, d.lease ? [(d.lease.worker_id || 'no worker_id') +
            ', lease expires ', ticking(d.lease.expires_at)] : '—'),
          h('dt', {}, 'Schedule tick'), h('dd', {}, d.schedule ? d.schedule.id + ' at ' + fmt(d.schedule.tick_at) : '—'),
          h('dt', {}, 'Last error'), h('dd', { class: j.last_error ? 'error' : '' }, j.last_error
            ? (j.last_error.type ? j.last_error.type + ': ' : '') + j.last_error.message : '—'))),
        h('section', { 'aria-label': 'Payload and result' }, h('h3', {}, 'Payload'), json(j.payload),
          h('h3', {}, 'Result'), json(j.result))),
      h('section', {}, h('h3', {}, 'Timeline'), timeline(d)),
    ];
  },
};
`;
