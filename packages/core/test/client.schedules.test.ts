// The schedule calls' requests: method, path, body, the Idempotency-Key on writes, null on 404,
// and ids checked before anything is sent.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { BASE, rejection } from './helpers.js';
import { client, record, type Seen } from './msw-client.js';
import { useMswServer } from './msw-server.js';

const server = useMswServer();
const ID = 'sch_01JDQ3Z8K4M6W2T9R5X7Y1B3C5';
const schedule = { id: ID, object: 'schedule', key: null, overlap: 'allow', cron: '0 9 * * *' };

describe('schedule requests', () => {
  it('sends each call to its endpoint, writes with an Idempotency-Key', async () => {
    const seen: Seen[] = [];
    server.use(
      http.all(`${BASE}/v1/schedules*`, async (i) => {
        await record(seen)(i);
        const list = i.request.method === 'GET' && !i.request.url.includes(ID);
        return HttpResponse.json(
          list ? { schedules: [schedule], has_more: false, next_cursor: null } : schedule,
        );
      }),
    );
    const flare = client();
    await flare.createSchedule({ key: 'k', cron: '0 9 * * *', job_type: 'T', overlap: 'skip' });
    await flare.getSchedule(ID);
    await flare.listSchedules({ paused: true, limit: 5 });
    await flare.updateSchedule(ID, { cron: '0 8 * * *' });
    await flare.pauseSchedule(ID);
    await flare.resumeSchedule(ID);
    await flare.deleteSchedule(ID);
    expect(seen.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual([
      'POST /v1/schedules',
      `GET /v1/schedules/${ID}`,
      'GET /v1/schedules?paused=true&limit=5',
      `POST /v1/schedules/${ID}`,
      `POST /v1/schedules/${ID}/pause`,
      `POST /v1/schedules/${ID}/resume`,
      `DELETE /v1/schedules/${ID}`,
    ]);
    expect(seen[0]?.body).toEqual({ key: 'k', cron: '0 9 * * *', job_type: 'T', overlap: 'skip' });
    expect(seen[3]?.body).toEqual({ cron: '0 8 * * *' });
    const keyed = seen.map((r) => r.headers.get('idempotency-key') !== null);
    expect(keyed).toEqual([true, false, false, true, true, true, false]);
  });

  it('getSchedule resolves null on 404, with the response metadata', async () => {
    server.use(
      http.get(`${BASE}/v1/schedules/:id`, () =>
        HttpResponse.json(
          { error: { type: 'not_found', code: 'resource_missing', message: 'x', request_id: 'r' } },
          { status: 404, headers: { 'x-request-id': 'req_404' } },
        ),
      ),
    );
    const { data, status, requestId } = await client().getSchedule(ID).withResponse();
    expect({ data, status, requestId }).toEqual({ data: null, status: 404, requestId: 'req_404' });
  });

  it('refuses an empty or dot id and a non-object update before sending', async () => {
    const seen: Seen[] = [];
    server.use(http.all(`${BASE}/*`, record(seen)));
    const flare = client();
    for (const call of [
      () => flare.getSchedule(''),
      () => flare.deleteSchedule('..'),
      () => flare.pauseSchedule(' '),
      () => flare.updateSchedule(ID, null as never),
    ]) {
      expect(await rejection(call())).toMatchObject({ name: 'ValidationError' });
    }
    expect(seen).toEqual([]);
  });
});
