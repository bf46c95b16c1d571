/** The workers, schedules, webhooks, requests and controls views. */
export const scriptViews = `
var WorkersView = {
  kinds: ['job', 'worker', 'reset', 'clock'],
  head: function () { return [h('h2', {}, 'Workers')]; },
  body: async function () {
    var d = await view('workers');
    if (!d.workers.length) {
      return [h('p', { class: 'muted' }, 'No worker has claimed yet. Workers appear here by the ' +
        'worker_id their claims give, with the jobs they hold.')];
    }
    return d.workers.map(function (w) {
      return h('section', { 'aria-label': 'Worker ' + (w.worker_id || 'without id') },
        h('h3', {}, w.worker_id ? h('span', { class: 'mono' }, w.worker_id) : 'Claims without a worker_id',
          ' · holds ' + w.jobs.length),
        w.last_claim_at ? h('p', { class: 'muted' }, 'Last claim ' + fmt(w.last_claim_at) +
          ' from ' + w.queues.join(', ')) : null,
        table(['Job', 'Type', 'Queue', 'Attempt', 'Progress', 'Lease expires'],
          w.jobs.map(function (x) {
            return [jobLink(x.job.id), x.job.job_type, x.job.queue, String(x.job.attempts),
              progressCell(x.job), ticking(x.lease.expires_at)];
          }), 'Holds no job.'));
    });
  },
};
var SchedulesView = {
  kinds: ['schedule', 'reset', 'clock'],
  head: function () { return [h('h2', {}, 'Schedules')]; },
  body: async function () {
    var d = await view('schedules');
    return [table(['Schedule', 'Job type', 'Cron', 'Time zone', 'State', 'Next five runs (zone · UTC)',
      'Last run'], d.schedules.map(function (s) {
      return [h('span', { class: 'mono' }, s.id), s.job_type, h('code', {}, s.cron), s.timezone,
        badge(s.paused ? 'paused' : 'active'),
        s.next_runs.length ? h('ul', {}, s.next_runs.map(function (t) {
          return h('li', {}, inZone(t, s.timezone) + ' · ' + fmt(t));
        })) : '—', fmt(s.last_run_at)];
    }), 'No schedules yet.')];
  },
};
var WebhooksView = {
  kinds: ['webhook', 'reset'],
  head: function () { return [h('h2', {}, 'Webhooks')]; },
  body: async function () {
    var d = await view('webhooks');
    var rows = d.webhooks.map(function (w) {
      var last = w.attempts[w.attempts.length - 1];
      return [h('span', { class: 'mono' }, w.id), w.type, jobLink(w.job_id), badge(w.status),
        w.attempts.length + (last ? ' (last: ' + (last.status || last.error) + ')' : ''),
        fmt(w.created_at),
        h('button', { class: 'secondary', 'data-key': 'redeliver-' + w.id,
          disabled: !d.delivers || w.status === 'pending',
          'aria-label': 'Redeliver ' + w.id,
          onclick: function () {
            act('Redeliver ' + w.id, function () {
              return control('/webhooks/' + encodeURIComponent(w.id) + '/redeliver');
            });
          } }, 'Redeliver')];
    });
    return [d.delivers ? null : h('p', { class: 'muted' }, 'No webhook url is configured: ' +
      'events are collected, not delivered (start the fake with --webhook-url to deliver them).'),
      table(['Event', 'Type', 'Job', 'Status', 'Attempts', 'Created', 'Action'], rows, 'No webhook events yet.')];
  },
};
var RequestsView = {
  kinds: ['request', 'reset'],
  head: function () { return [h('h2', {}, 'Requests'), h('p', { class: 'muted' }, 'Newest first, the last 200.')]; },
  body: async function () {
    var d = await view('requests');
    return [table(['Method', 'Path', 'Status', 'Request id', 'Idempotency key', 'Replayed', 'Fault'],
      d.requests.map(function (r) {
        return [r.method, h('span', { class: 'mono' }, r.path),
          r.status == null ? 'none' : String(r.status), h('span', { class: 'mono' }, r.request_id || '—'),
          h('span', { class: 'mono' }, r.idempotency_key || '—'), r.replayed ? 'yes' : 'no', r.fault || '—'];
      }), 'No requests yet.')];
  },
};
function number(name, label, value, min) {
  return h('label', {}, label, h('input', { name: name, type: 'number', value: value, min: min, required: true }));
}
function submitTo(run) {
  return function (e) {
    e.preventDefault();
    run(new FormData(e.target));
  };
}
var ControlsView = {
  kinds: ['fault', 'request', 'clock', 'reset'],
  head: function () {
    var units = h('select', { name: 'unit' }, h('option', { value: '1000' }, 'seconds'),
      h('option', { value: '60000', selected: true }, 'minutes'), h('option', { value: '3600000' }, 'hours'));
    return [h('h2', {}, 'Controls'),
      h('section', {}, h('h3', { id: 'h-clock' }, 'Advance the clock'),
        h('form', { class: 'row', 'aria-labelledby': 'h-clock', onsubmit: submitTo(function (f) {
          var ms = Number(f.get('amount')) * Number(f.get('unit'));
          act('Advance clock', function () { return control('/clock/advance', { ms: ms }); });
        }) }, number('amount', 'Amount', 1, 0), h('label', {}, 'Unit', units),
          h('button', { type: 'submit' }, 'Advance'))),
      h('section', {}, h('h3', { id: 'h-fault' }, 'Inject a fault'),
        h('form', { class: 'row', 'aria-labelledby': 'h-fault', onsubmit: submitTo(function (f) {
          var fault = { status: Number(f.get('status')), times: Number(f.get('times')) };
          if (f.get('method')) fault.method = f.get('method');
          if (f.get('path')) fault.path = f.get('path');
          act('Inject fault', function () { return control('/faults', fault); });
        }) },
          h('label', {}, 'Method', h('select', { name: 'method' }, h('option', { value: '' }, 'any'),
            ['GET', 'POST', 'DELETE'].map(function (m) { return h('option', { value: m }, m); }))),
          h('label', {}, 'Path (exact, * for one segment; blank: any)', h('input', { name: 'path', placeholder: '/v1/jobs' })),
          number('status', 'Status', 503, 100), number('times', 'For the next N requests', 1, 1),
          h('button', { type: 'submit' }, 'Inject'))),
      h('section', {}, h('h3', {}, 'Reset'),
        h('p', { class: 'muted' }, 'Forget every job, schedule, webhook, request and fault; reset the clock.'),
        h('button', { class: 'danger', onclick: function () {
          act('Reset', function () { return control('/reset'); });
        } }, 'Reset the fake'))];
  },
  body: async function () {
    var o = await loadClock();
    return [h('h3', {}, 'Faults waiting'), table(['Method', 'Path', 'Status', 'Remaining', 'Hits'],
      o.faults.map(function (f) {
        return [f.fault.method || 'any', f.fault.path || 'any', String(f.fault.status || '—'),
          String(f.remaining), String(f.hits)];
      }), 'No fault is waiting.')];
  },
};
`;
