import { describe, expect, it } from 'vitest';
import { type AnyBody, call, errorOf } from './helpers/call.js';
import { createFake } from './helpers/fidelity.js';

describe('schedules', () => {
  it('enqueues one job per tick from the template, on the fake clock', async () => {
    const fake = createFake({ clock: { start: '2026-01-05T08:59:00Z' } }); // a Monday
    const res = await call(fake, 'POST', '/v1/schedules', {
      body: {
        cron: '0 9 * * MON-FRI',
        job_type: 'Digest',
        payload: { list: 'all' },
        tags: ['daily'],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      object: 'schedule',
      timezone: 'UTC',
      queue: 'default',
      max_attempts: 3,
      paused: false,
      next_run_at: '2026-01-05T09:00:00.000Z',
      last_run_at: null,
    });
    fake.clock.advance(60_000);
    expect(fake.jobs).toMatchObject([
      {
        job_type: 'Digest',
        payload: { list: 'all' },
        tags: ['daily'],
        created_at: '2026-01-05T09:00:00.000Z',
      },
    ]);
    fake.clock.advance(5 * 86_400_000); // Tue..Fri fire, Sat does not
    expect(fake.jobs).toHaveLength(5);
    const got = await call(fake, 'GET', `/v1/schedules/${res.body.id}`);
    expect(got.body).toMatchObject({
      last_run_at: '2026-01-09T09:00:00.000Z',
      next_run_at: '2026-01-12T09:00:00.000Z',
    });
  });

  it('follows the time zone: a local time a DST gap skips fires once, after the gap', async () => {
    const fake = createFake({ clock: { start: '2026-03-28T12:00:00Z' } });
    const res = await call(fake, 'POST', '/v1/schedules', {
      body: { cron: '30 2 * * *', timezone: 'Europe/Paris', job_type: 'Nightly' },
    });
    // 2026-03-29 02:30 does not exist in Paris (clocks jump 02:00 → 03:00): it fires at 03:00.
    expect(res.body.next_run_at).toBe('2026-03-29T01:00:00.000Z');
  });

  it('pauses and resumes idempotently without back-filling', async () => {
    const fake = createFake({ clock: { start: '2026-01-01T00:00:00Z' } });
    const { body: s } = await call(fake, 'POST', '/v1/schedules', {
      body: { cron: '*/15 * * * *', job_type: 'Tick' },
    });
    const paused = await call(fake, 'POST', `/v1/schedules/${s.id}/pause`);
    expect(paused.body).toMatchObject({ paused: true, next_run_at: null });
    expect((await call(fake, 'POST', `/v1/schedules/${s.id}/pause`, { body: {} })).body).toEqual(
      paused.body,
    );
    fake.clock.advance(3_600_000);
    expect(fake.jobs).toEqual([]);
    const resumed = await call(fake, 'POST', `/v1/schedules/${s.id}/resume`);
    expect(resumed.body).toMatchObject({ paused: false, next_run_at: '2026-01-01T01:15:00.000Z' });
    const list = await call(fake, 'GET', '/v1/schedules', { query: { paused: 'false' } });
    expect(list.body.schedules.map((x: AnyBody) => x.id)).toEqual([s.id]);
    expect(
      (await call(fake, 'GET', '/v1/schedules', { query: { paused: 'true' } })).body.schedules,
    ).toEqual([]);
  });

  it('deletes once, leaving enqueued jobs alone', async () => {
    const fake = createFake({ clock: { start: '2026-01-01T00:00:00Z' } });
    const { body: s } = await call(fake, 'POST', '/v1/schedules', {
      body: { cron: '* * * * *', job_type: 'T' },
    });
    fake.clock.advance(60_000);
    const del = await call(fake, 'DELETE', `/v1/schedules/${s.id}`);
    expect(del.body).toEqual({ id: s.id, object: 'schedule', deleted: true });
    expect(errorOf(await call(fake, 'DELETE', `/v1/schedules/${s.id}`))).toEqual({
      status: 404,
      code: 'resource_missing',
      param: 'id',
    });
    fake.clock.advance(600_000);
    expect(fake.jobs).toHaveLength(1);
  });

  it('pages newest first', async () => {
    const fake = createFake();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.unshift(
        (await call(fake, 'POST', '/v1/schedules', { body: { cron: '0 0 * * *', job_type: 'T' } }))
          .body.id,
      );
    }
    const p1 = await call(fake, 'GET', '/v1/schedules', { query: { limit: '3' } });
    const p2 = await call(fake, 'GET', '/v1/schedules', {
      query: { limit: '3', cursor: p1.body.next_cursor },
    });
    expect([...p1.body.schedules, ...p2.body.schedules].map((x: AnyBody) => x.id)).toEqual(ids);
    expect(p2.body).toMatchObject({ has_more: false, next_cursor: null });
  });

  it('refuses malformed cron and zones with 400, never-firing cron with 422', async () => {
    const fake = createFake();
    const cases: [object, number, string, string][] = [
      [{ cron: '61 * * * *', job_type: 'T' }, 400, 'parameter_invalid', 'cron'],
      [{ cron: '* * * *  ', job_type: 'T' }, 400, 'parameter_invalid', 'cron'],
      [{ cron: '@daily x y', job_type: 'T' }, 400, 'parameter_invalid', 'cron'],
      [
        { cron: '0 0 * * *', timezone: 'Mars/Olympus', job_type: 'T' },
        400,
        'parameter_invalid',
        'timezone',
      ],
      [{ cron: '0 0 * * *' }, 400, 'parameter_missing', 'job_type'],
      [{ cron: '0 0 30 2 *', job_type: 'T' }, 422, 'unprocessable', 'cron'],
    ];
    for (const [body, status, code, param] of cases) {
      expect(errorOf(await call(fake, 'POST', '/v1/schedules', { body }))).toEqual({
        status,
        code,
        param,
      });
    }
    // Both day fields restricted: either matches (Vixie cron), so Feb 30 OR Mondays fires.
    expect(
      (await call(fake, 'POST', '/v1/schedules', { body: { cron: '0 0 30 2 1', job_type: 'T' } }))
        .status,
    ).toBe(201);
  });
});
