// The built @flare/node client's schedule calls, schedules as code and typed jobs against the
// fake over real HTTP; every request and response is validated against spec/openapi.yaml.
import {
  defineJob,
  FlareClient,
  type Schedule,
  type ScheduleDefinition,
  type StandardSchemaV1,
  syncSchedules,
  ValidationError,
} from '@flare/node';
import type { FakeFlare, RunningServer } from '@flare/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFake } from './helpers/fidelity.js';

let fake: FakeFlare;
let server: RunningServer | undefined;
let flare: FlareClient;

const start = async (clock: string) => {
  await server?.close(); // a test that restarts at another time closes the one it replaces
  fake = createFake({ clock: { start: clock } }, { requests: true });
  server = await fake.listen();
  flare = new FlareClient({ apiKey: 'zf_test_sk_fake', baseUrl: server!.url, maxRetries: 0 });
};
beforeEach(() => start('2026-01-05T08:00:00Z')); // a Monday
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const HOUR = 3_600_000;
const ticksOf = async (s: Schedule) => {
  const jobs = [];
  for await (const job of flare.listJobs({ job_type: s.job_type, limit: 100 })) {
    if (job.schedule_id === s.id) jobs.push(job.scheduled_for);
  }
  return jobs.reverse();
};

describe('schedule calls through @flare/node', () => {
  it('creates, reads, lists, updates, pauses, resumes and deletes', async () => {
    const { data: s, status } = await flare
      .createSchedule({ cron: '0 9 * * *', job_type: 'Digest', tags: ['daily'], overlap: 'skip' })
      .withResponse();
    expect(status).toBe(201);
    expect(s).toMatchObject({
      key: null,
      overlap: 'skip',
      next_run_at: '2026-01-05T09:00:00.000Z',
    });
    expect(await flare.getSchedule(s.id)).toEqual(s);
    expect(await flare.getSchedule('sch_01JDQ3Z8K4M6W2T9R5X7Y1B3C5')).toBeNull();
    const updated = await flare.updateSchedule(s.id, { cron: '30 8 * * *', payload: { v: 2 } });
    expect(updated).toMatchObject({
      id: s.id,
      cron: '30 8 * * *',
      payload: { v: 2 },
      tags: ['daily'],
    });
    expect(updated.next_run_at).toBe('2026-01-05T08:30:00.000Z');
    const paused = await flare.pauseSchedule(s.id);
    expect(paused).toMatchObject({ paused: true, next_run_at: null });
    expect((await flare.listSchedules({ paused: true })).schedules.map((x) => x.id)).toEqual([
      s.id,
    ]);
    expect((await flare.listSchedules({ paused: false })).schedules).toEqual([]);
    fake.clock.advance(3 * 24 * HOUR); // three 08:30 ticks while paused: none back-filled
    const resumed = await flare.resumeSchedule(s.id);
    expect(resumed.next_run_at).toBe('2026-01-08T08:30:00.000Z');
    fake.clock.advance(HOUR);
    expect(await ticksOf(s)).toEqual(['2026-01-08T08:30:00.000Z']);
    expect(await flare.deleteSchedule(s.id)).toEqual({
      id: s.id,
      object: 'schedule',
      deleted: true,
    });
    expect(await flare.getSchedule(s.id)).toBeNull();
  });

  it('walks every schedule with for await', async () => {
    for (let i = 0; i < 5; i++) await flare.createSchedule({ cron: `${i} 9 * * *`, job_type: 'T' });
    const seen: string[] = [];
    for await (const s of flare.listSchedules({ limit: 2 })) seen.push(s.cron);
    expect(seen).toEqual(['4 9 * * *', '3 9 * * *', '2 9 * * *', '1 9 * * *', '0 9 * * *']);
  });

  it('upserts by key: 200 and the same id the second time', async () => {
    const first = await flare
      .createSchedule({ key: 'k', cron: '0 9 * * *', job_type: 'T' })
      .withResponse();
    const again = await flare
      .createSchedule({ key: 'k', cron: '0 10 * * *', job_type: 'T' })
      .withResponse();
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.data).toMatchObject({
      id: first.data.id,
      next_run_at: '2026-01-05T10:00:00.000Z',
    });
  });
});

describe('syncSchedules', () => {
  const digest: ScheduleDefinition = {
    key: 'daily-digest',
    cron: '0 9 * * *',
    timezone: 'Europe/Berlin',
    job_type: 'Digest',
    payload: { list: 'all' },
  };
  const cleanup: ScheduleDefinition = { key: 'cleanup', cron: '*/30 * * * *', job_type: 'Cleanup' };

  it('creates, then changes nothing the second time; one job per tick', async () => {
    const first = await syncSchedules(flare, [digest, cleanup]);
    expect(first.created.map((s) => s.key)).toEqual(['daily-digest', 'cleanup']);
    expect([first.updated, first.unchanged, first.deleted]).toEqual([[], [], []]);
    const writes = fake.requests.filter((r) => r.method !== 'GET').length;
    const second = await syncSchedules(flare, [digest, cleanup], { prune: true });
    expect(second).toEqual({ created: [], updated: [], unchanged: first.created, deleted: [] });
    expect(fake.requests.filter((r) => r.method !== 'GET').length).toBe(writes); // no write at all
    fake.clock.advance(24 * HOUR);
    const [d, c] = first.created;
    expect(await ticksOf(d!)).toEqual(['2026-01-06T08:00:00.000Z']); // 09:00 in Berlin
    expect(await ticksOf(c!)).toHaveLength(48);
  });

  it('updates what changed and prunes keyed schedules no longer declared, never unkeyed ones', async () => {
    const manual = await flare.createSchedule({ cron: '0 0 * * *', job_type: 'Manual' });
    await syncSchedules(flare, [digest, cleanup]);
    const next = await syncSchedules(flare, [{ ...digest, overlap: 'skip' }], { prune: true });
    expect(next.updated.map((s) => [s.key, s.overlap])).toEqual([['daily-digest', 'skip']]);
    expect(next.deleted.map((s) => s.key)).toEqual(['cleanup']);
    const left = (await flare.listSchedules()).schedules.map((s) => s.key ?? s.id);
    expect(left.sort()).toEqual([manual.id, 'daily-digest'].sort());
    // Without prune, undeclared schedules stay.
    expect((await syncSchedules(flare, [], {})).deleted).toEqual([]);
  });

  it('refuses a definition without a key, or one key twice, before any write', async () => {
    const noKey = { cron: '0 9 * * *', job_type: 'T' } as unknown as ScheduleDefinition;
    await expect(syncSchedules(flare, [digest, noKey])).rejects.toMatchObject({
      name: 'ValidationError',
      param: 'definitions.1.key',
    });
    await expect(syncSchedules(flare, [digest, digest])).rejects.toMatchObject({
      param: 'definitions.1.key',
    });
    expect(fake.requests).toEqual([]);
  });
});

describe('DST through the client and the fake clock', () => {
  const nightly = async (clock: string, timezone: string, cron: string, hours: number) => {
    await start(clock);
    const s = await flare.createSchedule({ cron, timezone, job_type: 'Nightly' });
    fake.clock.advance(hours * HOUR);
    return ticksOf(s);
  };

  it('Europe/Berlin 02:30: after the gap in spring, once in autumn', async () => {
    expect(await nightly('2027-03-27T12:00:00Z', 'Europe/Berlin', '30 2 * * *', 48)).toEqual([
      '2027-03-28T01:00:00.000Z', // 03:00 CEST, the first instant after the gap
      '2027-03-29T00:30:00.000Z',
    ]);
    expect(await nightly('2027-10-30T12:00:00Z', 'Europe/Berlin', '30 2 * * *', 48)).toEqual([
      '2027-10-31T00:30:00.000Z', // the first 02:30 (CEST) only
      '2027-11-01T01:30:00.000Z',
    ]);
  });

  it('America/New_York and Australia/Lord_Howe: wildcard hours fire in both passes', async () => {
    expect(await nightly('2027-11-07T04:45:00Z', 'America/New_York', '*/30 * * * *', 2)).toEqual([
      '2027-11-07T05:00:00.000Z',
      '2027-11-07T05:30:00.000Z',
      '2027-11-07T06:00:00.000Z', // 01:00 EST, the second pass
      '2027-11-07T06:30:00.000Z',
    ]);
    expect(await nightly('2027-10-02T00:00:00Z', 'Australia/Lord_Howe', '15 2 * * *', 24)).toEqual([
      '2027-10-02T15:30:00.000Z', // 02:15 skipped by the 30-minute shift: 02:30 LHDT
    ]);
  });
});

// A Standard Schema written by hand: any object with `~standard` works, no library needed.
const welcomeSchema: StandardSchemaV1<{ email: string }> = {
  '~standard': {
    version: 1,
    vendor: 'handmade',
    validate: (value) => {
      const email = (value as { email?: unknown } | null)?.email;
      return typeof email === 'string' && email.includes('@')
        ? { value: { email } }
        : { issues: [{ message: 'must be an email address', path: ['email'] }] };
    },
  },
};

describe('typed jobs and tags + progress, end to end', () => {
  const welcome = defineJob({ type: 'SendWelcomeEmail', payload: welcomeSchema });

  it('a definition types and checks createJob and createSchedule', async () => {
    const job = await flare.createJob({
      job: welcome,
      payload: { email: 'ann@example.com' },
      tags: ['signup'],
    });
    expect(job).toMatchObject({
      job_type: 'SendWelcomeEmail',
      payload: { email: 'ann@example.com' },
    });
    const err = await flare.createJob({ job: welcome, payload: { email: 'nope' } }).catch((e) => e);
    expect(ValidationError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ param: 'payload.email' });
    const s = await flare.createSchedule({
      key: 'w',
      cron: '0 9 * * *',
      job: welcome,
      payload: { email: 'ops@example.com' },
    });
    expect(s).toMatchObject({
      job_type: 'SendWelcomeEmail',
      payload: { email: 'ops@example.com' },
    });
    const updated = await flare.updateSchedule(s.id, {
      job: welcome,
      payload: { email: 'team@example.com' },
    });
    expect(updated).toMatchObject({ id: s.id, payload: { email: 'team@example.com' } });
    const sent = fake.requests.length;
    await expect(
      flare.updateSchedule(s.id, { job: welcome, payload: { email: 'team' } }),
    ).rejects.toMatchObject({ name: 'ValidationError', param: 'payload.email' });
    expect(fake.requests).toHaveLength(sent);
    const synced = await syncSchedules(flare, [
      { key: 'w', cron: '0 9 * * *', job: welcome, payload: { email: 'ops@example.com' } },
    ]);
    // Back to the declared payload: one update.
    expect(synced.updated.map((x) => x.id)).toEqual([s.id]);
    const again = await syncSchedules(flare, [
      { key: 'w', cron: '0 9 * * *', job: welcome, payload: { email: 'ops@example.com' } },
    ]);
    expect(again.unchanged.map((x) => x.id)).toEqual([s.id]);
    await expect(
      syncSchedules(flare, [
        { key: 'w', cron: '0 9 * * *', job: welcome, payload: { email: 'x' } },
      ]),
    ).rejects.toMatchObject({ param: 'payload.email' });
  });

  it('filters by tag and shows a heartbeat’s progress through getJob', async () => {
    const tagged = await flare.createJob({
      job_type: 'Export',
      queue: 'p',
      tags: ['report', 'q4'],
    });
    await flare.createJob({ job_type: 'Export', queue: 'p', tags: ['other'] });
    expect((await flare.listJobs({ tag: 'q4' })).jobs.map((j) => j.id)).toEqual([tagged.id]);
    // The pull protocol, raw (the SDK's worker arrives separately): claim, then heartbeat.
    const post = async (path: string, body: object) => {
      const res = await fetch(server!.url + path, {
        method: 'POST',
        headers: { authorization: 'Bearer zf_test_sk_fake', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { jobs: { id: string; lease: { id: string } }[] };
    };
    const { jobs } = await post('/v1/jobs/claim', { queues: ['p'] });
    const lease = jobs.find((j) => j.id === tagged.id)!.lease.id;
    await post(`/v1/jobs/${tagged.id}/heartbeat`, {
      lease_id: lease,
      progress: { percent: 40, message: 'rows' },
    });
    expect((await flare.getJob(tagged.id))?.progress).toMatchObject({
      percent: 40,
      message: 'rows',
    });
    // The fake's driver does the same for tests that have no worker.
    fake.reportProgress(tagged.id, { percent: 90 });
    expect((await flare.getJob(tagged.id))?.progress).toMatchObject({ percent: 90, message: null });
    expect(fake.getJob(tagged.id)?.progress?.percent).toBe(90);
    expect(() => fake.reportProgress(tagged.id, { percent: 101 })).toThrow(/0 to 100/);
  });
});
