import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ConflictError,
  NotFoundError,
  ServerError,
  ValidationError,
} from '../errors/api-errors.js';
import { apiError, stubFlare } from './__fixtures__/stub-flare.js';
import { ACK_ALONE_CHARS, ACK_WINDOW_MS, AckBatcher } from './ack-batcher.js';
import { isLeaseLost } from './lease-keeper.js';
import { type WorkerProtocol, workerProtocol } from './worker-protocol.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);
const body = (n: number) => JSON.stringify({ lease_id: `lse_${n}`, result: { n } });
/** One delivery's options: its own key and signal, as `deliver` passes them. */
const opts = (n: number, signal = new AbortController().signal) => ({
  idempotencyKey: `ack-${n}`,
  signal,
});

function setup(idle = false) {
  const stub = stubFlare();
  const protocol = workerProtocol(stub.client)!;
  let isIdle = idle;
  const acks = new AckBatcher(protocol, () => isIdle);
  return { stub, protocol, acks, setIdle: (value: boolean) => (isIdle = value) };
}

describe('AckBatcher', () => {
  it('waits the window for company, then sends one request whose items carry their own keys', async () => {
    const { stub, acks } = setup();
    const done = [1, 2, 3].map((n) => acks.complete(`job_${n}`, body(n), opts(n)));
    await tick(ACK_WINDOW_MS - 1);
    expect(stub.batches).toEqual([]);
    await tick(1);
    expect(stub.batches).toEqual([3]);
    expect(await Promise.all(done)).toEqual([{ id: 'job_1' }, { id: 'job_2' }, { id: 'job_3' }]);
    const items = stub.of('complete');
    expect(items.map((r) => [r.jobId, r.headers['idempotency-key'], r.body])).toEqual(
      [1, 2, 3].map((n) => [`job_${n}`, `ack-${n}`, { lease_id: `lse_${n}`, result: { n } }]),
    );
    expect(vi.getTimerCount()).toBe(0);
  });

  it('goes at once with 100 waiting, when idle, and on flush', async () => {
    const { stub, acks, setIdle } = setup();
    const hundred = Array.from({ length: 101 }, (_, n) =>
      acks.complete(`job_${n}`, body(n), opts(n)),
    );
    await tick();
    expect(stub.batches).toEqual([100]);
    await tick(ACK_WINDOW_MS);
    expect(stub.batches).toEqual([100, 1]);
    await Promise.all(hundred);
    void acks.complete('job_a', body(1), opts(1));
    acks.flush();
    await tick();
    expect(stub.batches).toEqual([100, 1, 1]);
    setIdle(true);
    await acks.complete('job_b', body(2), opts(2));
    expect(stub.batches).toEqual([100, 1, 1, 1]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects a lost lease with the typed error of that item alone', async () => {
    const { stub, acks } = setup();
    stub.routes.complete = (req) =>
      req.jobId === 'job_2' ? apiError(409, 'lease_lost') : undefined;
    const [one, two] = [1, 2].map((n) => acks.complete(`job_${n}`, body(n), opts(n)));
    void two!.catch(() => undefined);
    await tick(ACK_WINDOW_MS);
    await expect(one).resolves.toEqual({ id: 'job_1' });
    const lost = await two!.catch((e: unknown) => e);
    expect(ConflictError.isInstance(lost) && isLeaseLost(lost)).toBe(true);
    expect(stub.batches).toEqual([2]);
  });

  it('rejects every item with a retryable request failure, so each delivery retries on its own', async () => {
    const { stub, acks } = setup();
    stub.routes.complete = () => ({ status: 503, body: {} });
    const done = [1, 2].map((n) => acks.complete(`job_${n}`, body(n), opts(n)).catch((e) => e));
    await tick(ACK_WINDOW_MS);
    const errors = await Promise.all(done);
    expect(errors.every((e) => ServerError.isInstance(e))).toBe(true);
    expect(stub.batches).toEqual([2]);
  });

  it('sends each item alone after a non-retryable request failure, or a missing entry', async () => {
    const { stub, protocol } = setup();
    const refused: WorkerProtocol = {
      ...protocol,
      completeBatch: async () => {
        throw new ValidationError('400 parameter_invalid: jobs', { status: 400 });
      },
    };
    const acks = new AckBatcher(refused, () => false);
    const done = [1, 2].map((n) => acks.complete(`job_${n}`, body(n), opts(n)));
    await tick(ACK_WINDOW_MS);
    expect(await Promise.all(done)).toEqual([{ id: 'job_1' }, { id: 'job_2' }]);
    const alone = stub.of('complete');
    expect(alone.map((r) => [r.batched, r.headers['idempotency-key']])).toEqual([
      [undefined, 'ack-1'],
      [undefined, 'ack-2'],
    ]);
    const short: WorkerProtocol = {
      ...protocol,
      completeBatch: async (b, o) => {
        const res = await protocol.completeBatch(b, o);
        return { ...res, data: { results: res.data.results.slice(0, 1) } };
      },
    };
    const shortAcks = new AckBatcher(short, () => false);
    const both = [3, 4].map((n) => shortAcks.complete(`job_${n}`, body(n), opts(n)));
    await tick(ACK_WINDOW_MS);
    expect(await Promise.all(both)).toEqual([{ id: 'job_3' }, { id: 'job_4' }]);
    // job_4's entry was missing: sent again alone, with the same key (a replay if it was stored).
    expect(
      stub
        .of('complete')
        .slice(2)
        .map((r) => [r.jobId, r.batched]),
    ).toEqual([
      ['job_3', true],
      ['job_4', true],
      ['job_4', undefined],
    ]);
  });

  it('sends every completion alone once the server has no batch endpoint (404)', async () => {
    const { stub, protocol } = setup();
    const calls = vi.fn();
    const old: WorkerProtocol = {
      ...protocol,
      completeBatch: async () => {
        calls();
        throw new NotFoundError('404 resource_missing: No endpoint', { status: 404 });
      },
    };
    const acks = new AckBatcher(old, () => false);
    const first = acks.complete('job_1', body(1), opts(1));
    await tick(ACK_WINDOW_MS);
    await first;
    await acks.complete('job_2', body(2), opts(2));
    expect(calls).toHaveBeenCalledOnce();
    expect(stub.of('complete').map((r) => r.jobId)).toEqual(['job_1', 'job_2']);
  });

  it('sends items alone, and stops batching, when the answer is not the contract’s', async () => {
    const { stub, protocol } = setup();
    const odd: WorkerProtocol = {
      ...protocol,
      // A server that answers the batch path with something else (a job, as an old route would).
      completeBatch: async () => ({ data: { id: 'complete' } as never }) as never,
    };
    const acks = new AckBatcher(odd, () => false);
    const done = [1, 2].map((n) => acks.complete(`job_${n}`, body(n), opts(n)));
    await tick(ACK_WINDOW_MS);
    expect(await Promise.all(done)).toEqual([{ id: 'job_1' }, { id: 'job_2' }]);
    await acks.complete('job_3', body(3), opts(3));
    expect(stub.of('complete').map((r) => [r.jobId, r.batched])).toEqual([
      ['job_1', undefined],
      ['job_2', undefined],
      ['job_3', undefined],
    ]);
  });

  it('sends a result too large to share a request alone', async () => {
    const { stub, acks } = setup();
    const big = JSON.stringify({ lease_id: 'lse_1', result: 'x'.repeat(ACK_ALONE_CHARS) });
    await acks.complete('job_1', big, opts(1));
    expect(stub.batches).toEqual([]);
    expect(stub.of('complete')).toHaveLength(1);
  });

  it('drops an item whose delivery stopped waiting, and ends the request when all have', async () => {
    const { stub, acks } = setup();
    const early = new AbortController();
    const gone = acks.complete('job_1', body(1), opts(1, early.signal)).catch((e: Error) => e);
    early.abort(new Error('lease over'));
    const late = [new AbortController(), new AbortController()];
    stub.routes.complete = () => new Promise(() => undefined);
    const waiting = [2, 3].map((n, i) =>
      acks.complete(`job_${n}`, body(n), opts(n, late[i]!.signal)).catch((e: Error) => e),
    );
    await tick(ACK_WINDOW_MS);
    expect(((await gone) as Error).message).toBe('lease over');
    expect(stub.batches).toEqual([2]);
    const [request] = stub.of('complete');
    late[0]!.abort(new Error('lost 2'));
    expect(((await waiting[0]) as Error).message).toBe('lost 2');
    expect(request!.signal?.aborted).toBe(false);
    late[1]!.abort(new Error('lost 3'));
    expect(((await waiting[1]) as Error).message).toBe('lost 3');
    expect(request!.signal?.aborted).toBe(true);
  });
});
