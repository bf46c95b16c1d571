// The largest webhook event the contract can produce, for the routes that must accept it.

const KIB = 1024;

/**
 * A `job.succeeded` event whose payload and result each serialise (compact JSON, UTF-8) to just
 * under 256 KiB, the contract's cap, written as a sender that escapes every non-ASCII character
 * (`\u00e9`: 6 bytes for 2) would: the worst case, ~1.5 MiB.
 */
export function largestEvent(): string {
  const field = (n: number) => ({ text: 'é'.repeat(n) });
  const fill = (256 * KIB - JSON.stringify(field(0)).length) / 2;
  const payload = field(Math.floor(fill));
  const bytes = new TextEncoder().encode(JSON.stringify(payload)).length;
  if (bytes > 256 * KIB || bytes < 256 * KIB - 4) throw new Error(`payload is ${bytes} B`);
  const event = {
    id: 'evt_01JD0000000000000000000000',
    object: 'event',
    type: 'job.succeeded',
    created_at: '2026-01-01T00:00:00.000Z',
    data: {
      job: {
        id: 'job_01JD0000000000000000000000',
        object: 'job',
        job_type: 'Big',
        queue: 'default',
        state: 'succeeded',
        payload,
        result: payload,
        tags: Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(64, 'é')),
        attempts: 1,
        max_attempts: 3,
        progress: { percent: 100, message: 'é'.repeat(1000) },
        last_error: null,
        run_at: null,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
        started_at: '2026-01-01T00:00:00.000Z',
        finished_at: '2026-01-01T00:00:00.000Z',
      },
    },
  };
  return JSON.stringify(event).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
