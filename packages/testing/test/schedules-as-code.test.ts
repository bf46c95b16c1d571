import { describe, expect, it } from 'vitest';
import { type AnyBody, call, errorOf } from './helpers/call.js';
import { createFake } from './helpers/fidelity.js';

const HOUR = 3_600_000;
const digest = { key: 'daily-digest', cron: '0 9 * * *', job_type: 'Digest' };

describe('schedules as code: key upserts', () => {
  it('creates with a key (201), then updates that schedule in place (200, same id)', async () => {
    const fake = createFake({ clock: { start: '2026-01-05T08:00:00Z' } });
    const first = await call(fake, 'POST', '/v1/schedules', { body: digest });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ key: 'daily-digest', overlap: 'allow' });
    const again = await call(fake, 'POST', '/v1/schedules', {
      body: { ...digest, cron: '30 7 * * *', tags: ['v2'], overlap: 'skip' },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      id: first.body.id,
      cron: '30 7 * * *',
      tags: ['v2'],
      overlap: 'skip',
      created_at: first.body.created_at,
      next_run_at: '2026-01-06T07:30:00.000Z', // recomputed: 07:30 today has passed
    });
    // The request is the whole declaration: fields left out go back to their defaults.
    const reset = await call(fake, 'POST', '/v1/schedules', { body: digest });
    expect(reset.body).toMatchObject({
      tags: [],
      overlap: 'allow',
      next_run_at: '2026-01-05T09:00:00.000Z',
    });
    expect(fake.schedules).toHaveLength(1);
    // Only the new plan fires: one job at 09:00, none at the stale 07:30.
    fake.clock.advance(26 * HOUR);
    expect(fake.jobs.map((j) => j.scheduled_for)).toEqual([
      '2026-01-06T09:00:00.000Z',
      '2026-01-05T09:00:00.000Z',
    ]);
  });

  it('keeps a paused schedule paused through an upsert', async () => {
    const fake = createFake();
    const { body: s } = await call(fake, 'POST', '/v1/schedules', { body: digest });
    await call(fake, 'POST', `/v1/schedules/${s.id}/pause`);
    const up = await call(fake, 'POST', '/v1/schedules', {
      body: { ...digest, cron: '0 10 * * *' },
    });
    expect(up.body).toMatchObject({
      id: s.id,
      paused: true,
      next_run_at: null,
      cron: '0 10 * * *',
    });
  });

  it('refuses a malformed key and unknown overlap values', async () => {
    const fake = createFake();
    for (const key of ['', 'x'.repeat(129), 'tab\there', 'naïve', 42]) {
      expect(
        errorOf(await call(fake, 'POST', '/v1/schedules', { body: { ...digest, key } })),
      ).toEqual({ status: 400, code: 'parameter_invalid', param: 'key' });
    }
    expect(
      errorOf(await call(fake, 'POST', '/v1/schedules', { body: { ...digest, overlap: 'queue' } })),
    ).toEqual({ status: 400, code: 'parameter_invalid', param: 'overlap' });
    expect(fake.schedules).toEqual([]);
  });
});

describe('updateSchedule (POST /v1/schedules/{id})', () => {
  it('changes only the given fields and recomputes next_run_at', async () => {
    const fake = createFake({ clock: { start: '2026-01-05T08:00:00Z' } });
    const { body: s } = await call(fake, 'POST', '/v1/schedules', {
      body: { cron: '0 9 * * *', job_type: 'Digest', payload: { a: 1, b: 2 }, tags: ['x'] },
    });
    const res = await call(fake, 'POST', `/v1/schedules/${s.id}`, {
      body: { cron: '0 12 * * *', payload: { a: 3 } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...s,
      cron: '0 12 * * *',
      payload: { a: 3 }, // replaced whole, not merged
      next_run_at: '2026-01-05T12:00:00.000Z',
    });
    expect((await call(fake, 'POST', `/v1/schedules/${s.id}`, { body: {} })).body).toEqual(
      res.body,
    );
    fake.clock.advance(4 * HOUR + 1);
    expect(fake.jobs.map((j) => j.payload)).toEqual([{ a: 3 }]); // the 09:00 tick is gone
  });

  it('answers 404 for an unknown id, 400 for a key or a bad field, 422 for a silent cron', async () => {
    const fake = createFake();
    const { body: s } = await call(fake, 'POST', '/v1/schedules', { body: digest });
    const missing = await call(fake, 'POST', '/v1/schedules/sch_01JDQ3Z8K4M6W2T9R5X7Y1B3C5', {
      body: { cron: '0 1 * * *' },
    });
    expect(errorOf(missing)).toEqual({ status: 404, code: 'resource_missing', param: 'id' });
    const cases: [object, number, string, string][] = [
      [{ key: 'other' }, 400, 'unknown_parameter', 'key'],
      [{ cron: '0 25 * * *' }, 400, 'parameter_invalid', 'cron'],
      [{ timezone: 'Nowhere/Land' }, 400, 'parameter_invalid', 'timezone'],
      [{ max_attempts: 0 }, 400, 'parameter_invalid', 'max_attempts'],
      [{ cron: '0 0 31 4 *' }, 422, 'unprocessable', 'cron'],
    ];
    for (const [body, status, code, param] of cases) {
      const res = await call(fake, 'POST', `/v1/schedules/${s.id}`, { body });
      expect(errorOf(res)).toEqual({ status, code, param });
    }
    expect(fake.schedules[0]).toEqual(s);
  });
});

describe('the tick a job came from', () => {
  it('stamps schedule_id and scheduled_for, one job per tick even after a long jump', async () => {
    const fake = createFake({ clock: { start: '2026-01-01T00:00:00Z' } });
    const { body: s } = await call(fake, 'POST', '/v1/schedules', {
      body: { cron: '*/15 * * * *', job_type: 'Tick' },
    });
    const plain = await call(fake, 'POST', '/v1/jobs', { body: { job_type: 'Plain' } });
    expect(plain.body).toMatchObject({ schedule_id: null, scheduled_for: null });
    fake.clock.advance(HOUR + 5 * 60_000); // four ticks at once
    const made = fake.jobs.filter((j) => j.schedule_id === s.id);
    expect(made.map((j) => j.scheduled_for)).toEqual([
      '2026-01-01T01:00:00.000Z',
      '2026-01-01T00:45:00.000Z',
      '2026-01-01T00:30:00.000Z',
      '2026-01-01T00:15:00.000Z',
    ]);
    const got = await call(fake, 'GET', `/v1/jobs/${made[0]!.id}`);
    expect(got.body).toMatchObject({
      schedule_id: s.id,
      scheduled_for: '2026-01-01T01:00:00.000Z',
    });
  });
});

describe('overlap', () => {
  it('skip: no tick while the previous job is unfinished; allow piles them up', async () => {
    const fake = createFake({ clock: { start: '2026-01-01T00:00:00Z' } });
    const create = (overlap: string, job_type: string) =>
      call(fake, 'POST', '/v1/schedules', { body: { cron: '0 * * * *', job_type, overlap } });
    await create('skip', 'Report');
    await create('allow', 'Ping');
    const reports = () => fake.jobs.filter((j) => j.job_type === 'Report');
    fake.clock.advance(HOUR); // 01:00: the first report
    const [first] = reports();
    fake.startJob(first!.id, { leaseSeconds: 3 * 3600 }); // a 90-minute report
    fake.clock.advance(HOUR); // 02:00: still running → skipped
    expect(reports()).toHaveLength(1);
    fake.clock.advance(HOUR / 2);
    fake.completeJob(first!.id);
    fake.clock.advance(HOUR / 2); // 03:00: finished → a new one
    expect(reports().map((j) => j.scheduled_for)).toEqual([
      '2026-01-01T03:00:00.000Z',
      '2026-01-01T01:00:00.000Z',
    ]);
    fake.clock.advance(HOUR); // 04:00: the 03:00 job is still pending → skipped
    expect(reports()).toHaveLength(2);
    expect(fake.jobs.filter((j) => j.job_type === 'Ping')).toHaveLength(4);
    const s = fake.schedules.find((x) => x.job_type === 'Report');
    expect(s?.last_run_at).toBe('2026-01-01T03:00:00.000Z'); // a skipped tick enqueued nothing
  });
});

describe('DST on the fake clock', () => {
  const run = async (tz: string, cron: string, start: string, hours: number) => {
    const fake = createFake({ clock: { start } });
    await call(fake, 'POST', '/v1/schedules', { body: { cron, timezone: tz, job_type: 'T' } });
    fake.clock.advance(hours * HOUR);
    return fake.jobs.map((j: AnyBody) => j.scheduled_for).reverse();
  };

  it('Europe/Berlin: 02:30 fires at 03:00 CEST in spring and once in autumn', async () => {
    expect(await run('Europe/Berlin', '30 2 * * *', '2027-03-27T12:00:00Z', 48)).toEqual([
      '2027-03-28T01:00:00.000Z',
      '2027-03-29T00:30:00.000Z',
    ]);
    expect(await run('Europe/Berlin', '30 2 * * *', '2027-10-30T12:00:00Z', 48)).toEqual([
      '2027-10-31T00:30:00.000Z',
      '2027-11-01T01:30:00.000Z',
    ]);
    // Hourly follows elapsed time: both 02:00s fire in autumn.
    expect(await run('Europe/Berlin', '0 * * * *', '2027-10-30T23:30:00Z', 3)).toEqual([
      '2027-10-31T00:00:00.000Z',
      '2027-10-31T01:00:00.000Z',
      '2027-10-31T02:00:00.000Z',
    ]);
  });

  it('America/New_York: both transitions', async () => {
    expect(await run('America/New_York', '30 2 * * *', '2027-03-13T12:00:00Z', 24)).toEqual([
      '2027-03-14T07:00:00.000Z',
    ]);
    expect(await run('America/New_York', '30 1 * * *', '2027-11-06T12:00:00Z', 24)).toEqual([
      '2027-11-07T05:30:00.000Z',
    ]);
  });

  it('Australia/Lord_Howe: the 30-minute shift, both ways', async () => {
    expect(await run('Australia/Lord_Howe', '15 2 * * *', '2027-10-02T00:00:00Z', 24)).toEqual([
      '2027-10-02T15:30:00.000Z',
    ]);
    expect(await run('Australia/Lord_Howe', '*/30 * * * *', '2027-04-03T14:10:00Z', 1.5)).toEqual([
      '2027-04-03T14:30:00.000Z',
      '2027-04-03T15:00:00.000Z',
      '2027-04-03T15:30:00.000Z',
    ]);
  });
});
