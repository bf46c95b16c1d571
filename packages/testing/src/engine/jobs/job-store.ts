import type { JobState } from '@flare/core';
import { SortedIndex } from '../../internal/sorted-index.js';
import { byCreation, byEligibility, type JobRecord } from './job-record.js';

type Key = Pick<JobRecord, 'createdMs' | 'id'>;
type Index = SortedIndex<Key, JobRecord>;
type Filter = 'state' | 'queue' | 'job_type' | 'tag';

/** The list filters, each index-backed. */
export interface JobFilters {
  state?: JobState | undefined;
  queue?: string | undefined;
  job_type?: string | undefined;
  tag?: string | undefined;
}

/**
 * Every job, with the indexes that keep a page's cost independent of the number of jobs:
 * all jobs, and per state, queue, job type and tag, each ordered by (`created_at`, `id`); plus,
 * per queue, the `pending` jobs ordered for claims (oldest eligible first).
 */
export class JobStore {
  readonly byId = new Map<string, JobRecord>();
  readonly all: Index = new SortedIndex(byCreation);
  // Per filter, then per value: no key string is built per job (a batch adds 100 at once).
  readonly #filtered: Record<Filter, Map<string, Index>> = {
    state: new Map(),
    queue: new Map(),
    job_type: new Map(),
    tag: new Map(),
  };
  readonly #ready = new Map<string, SortedIndex<JobRecord>>();

  add(record: JobRecord): void {
    this.byId.set(record.id, record);
    this.all.insert(record);
    const { job } = record;
    this.#index('state', job.state).insert(record);
    this.#index('queue', job.queue).insert(record);
    this.#index('job_type', job.job_type).insert(record);
    for (const tag of job.tags) this.#index('tag', tag).insert(record);
    this.#indexReady(record, true);
  }

  /**
   * Applies `change` to a record, moving it between the indexes its state and `run_at` put it in.
   * Queue, job type and tags never change, so their indexes are left alone.
   */
  update(record: JobRecord, change: () => void): void {
    const before = record.job.state;
    this.#indexReady(record, false);
    change();
    record.version++;
    if (record.job.state !== before) {
      this.#filtered.state.get(before)?.delete(record);
      this.#index('state', record.job.state).insert(record);
    }
    this.#indexReady(record, true);
  }

  /**
   * The smallest index covering the filters (or every job), and the filters left to test on
   * each item it yields.
   */
  plan(filters: JobFilters): { index: Index; rest: (r: JobRecord) => boolean } {
    const given = (['state', 'queue', 'job_type', 'tag'] as const).filter(
      (k) => filters[k] !== undefined,
    );
    let best: Index = this.all;
    let bestKey: string | undefined;
    for (const k of given) {
      const index = this.#filtered[k].get(filters[k]!) ?? new SortedIndex(byCreation);
      if (bestKey === undefined || index.size < best.size) {
        best = index;
        bestKey = k;
      }
    }
    const others = given.filter((k) => k !== bestKey);
    const rest = (r: JobRecord) =>
      others.every((k) =>
        k === 'tag' ? r.job.tags.includes(filters.tag!) : r.job[k] === filters[k],
      );
    return { index: best, rest };
  }

  /** The `pending` jobs of a queue, oldest eligible first. */
  ready(queue: string): SortedIndex<JobRecord> | undefined {
    return this.#ready.get(queue);
  }

  clear(): void {
    this.byId.clear();
    this.all.clear();
    for (const byValue of Object.values(this.#filtered)) byValue.clear();
    this.#ready.clear();
  }

  #index(filter: Filter, value: string): Index {
    const byValue = this.#filtered[filter];
    let index = byValue.get(value);
    if (!index) {
      index = new SortedIndex(byCreation);
      byValue.set(value, index);
    }
    return index;
  }

  #indexReady(r: JobRecord, add: boolean): void {
    if (r.job.state !== 'pending') return;
    let index = this.#ready.get(r.job.queue);
    if (!index) {
      index = new SortedIndex(byEligibility);
      this.#ready.set(r.job.queue, index);
    }
    if (add) index.insert(r);
    else index.delete(r);
  }
}
