// Type-level checks of the public request and response types against the wire contract. The
// assertions run under `tsc` (the package's typecheck task); the `it` bodies only build values.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CreateJobParams,
  CreateJobsResult,
  FlareClient,
  FlareError,
  Job,
  JobDefinition,
  JobPage,
  ListJobsParams,
} from '../src/index.js';

interface WelcomeEmail {
  email: string;
  name?: string;
}

declare const flare: FlareClient;

describe('payload types', () => {
  it('accept an interface, not only a type alias (interfaces have no index signature)', () => {
    const typed = () => {
      const payload: WelcomeEmail = { email: 'a@b.c' };
      expectTypeOf(
        flare.createJob({ job_type: 'SendWelcomeEmail', payload }),
      ).resolves.toEqualTypeOf<Job<WelcomeEmail>>();
      expectTypeOf(flare.getJob<WelcomeEmail, { id: string }>('job_1')).resolves.toEqualTypeOf<Job<
        WelcomeEmail,
        { id: string }
      > | null>();
      expectTypeOf(flare.cancelJob<WelcomeEmail>('job_1')).resolves.toEqualTypeOf<
        Job<WelcomeEmail>
      >();
      expectTypeOf(flare.retryJob<WelcomeEmail>('job_1')).resolves.toEqualTypeOf<
        Job<WelcomeEmail>
      >();
      expectTypeOf(flare.listJobs<WelcomeEmail>()).resolves.toEqualTypeOf<JobPage<WelcomeEmail>>();
    };
    void typed;
  });
});

describe('createJobs', () => {
  it('infers the payload type from the items and narrows each result on `ok`', () => {
    const typed = async () => {
      const users = [{ email: 'a@b.c' }] satisfies WelcomeEmail[];
      const results = await flare.createJobs(
        users.map((payload) => ({ job_type: 'SendWelcomeEmail', payload, idempotency_key: 'k' })),
      );
      expectTypeOf(results).toEqualTypeOf<CreateJobsResult<{ email: string }>[]>();
      const [first] = await flare.createJobs<WelcomeEmail>([{ job_type: 'A', payload: users[0] }]);
      if (first?.ok) expectTypeOf(first.job).toEqualTypeOf<Job<WelcomeEmail>>();
      else if (first) expectTypeOf(first.error).toEqualTypeOf<FlareError>();
      // @ts-expect-error: each item's payload must match the declared type
      void flare.createJobs<WelcomeEmail>([{ job_type: 'A', payload: { mail: 'x' } }]);
    };
    void typed;
  });

  it('types each typed item by its own definition, and each result by it', () => {
    const typed = async () => {
      const welcome = {} as JobDefinition<{ email: string }, { messageId: string }>;
      const digest = {} as JobDefinition<{ list: string }>;
      const [a, b] = await flare.createJobs([
        { job: welcome, payload: { email: 'a@b.c' }, idempotency_key: 'k' },
        { job: digest, payload: { list: 'all' } },
      ]);
      if (a.ok) expectTypeOf(a.job).toEqualTypeOf<Job<{ email: string }, { messageId: string }>>();
      if (b.ok) expectTypeOf(b.job.payload).toEqualTypeOf<{ list: string }>();
      const many = await flare.createJobs(
        ['a@b.c'].map((email) => ({ job: welcome, payload: { email } })),
      );
      expectTypeOf(many).toEqualTypeOf<
        CreateJobsResult<{ email: string }, { messageId: string }>[]
      >();
      void flare.createJobs([
        { job: welcome, payload: { email: 'a@b.c' } },
        // @ts-expect-error: the second item's payload is checked against its own definition
        { job: digest, payload: { email: 'a@b.c' } },
      ]);
    };
    void typed;
  });
});

describe('CreateJobParams', () => {
  it('takes run_at as null (the spec: null means now), so a job can be passed back', () => {
    const again = (job: Job) => {
      const params: CreateJobParams = {
        job_type: job.job_type,
        run_at: job.run_at,
        tags: job.tags,
      };
      return params;
    };
    const params: CreateJobParams = { job_type: 'A', run_at: null };
    void again;
    void params;
  });

  it('takes read-only tags', () => {
    const tags = ['signup', 'eu'] as const;
    const params: CreateJobParams = { job_type: 'A', tags };
    void params;
  });

  it('refuses camelCase and unknown fields', () => {
    // @ts-expect-error the wire is snake_case: job_type
    const camel: CreateJobParams = { jobType: 'A' };
    // @ts-expect-error not a createJob field
    const extra: CreateJobParams = { job_type: 'A', priority: 1 };
    void camel;
    void extra;
  });
});

describe('ListJobsParams', () => {
  it('takes every filter as optional and refuses a null cursor (the spec does not allow it)', () => {
    const page: ListJobsParams = { state: 'failed', queue: 'q', job_type: 'A', tag: 't', limit: 5 };
    // @ts-expect-error cursor is a string or absent
    const nullCursor: ListJobsParams = { cursor: null };
    // @ts-expect-error not a job state
    const badState: ListJobsParams = { state: 'done' };
    void page;
    void nullCursor;
    void badState;
  });
});
