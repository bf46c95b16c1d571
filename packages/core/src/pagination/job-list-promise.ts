import { type FlarePromise, flarePromise, ignore } from '../client/flare-promise.js';
import type { ApiResponse } from '../http/requester.js';
import type { Job, JobPage, JsonObject, PayloadShape } from '../types/job.js';

/**
 * The result of `listJobs`: await it for one plain page `{ jobs, has_more, next_cursor }`, or
 * iterate it with `for await` to walk every job of every page (newest first), or call
 * `.pages()` to walk page by page. Further pages are fetched lazily, one at a time.
 *
 * @example
 * ```ts
 * const page = await flare.listJobs({ state: 'failed' });
 * for await (const job of flare.listJobs({ state: 'failed' })) console.log(job.id);
 * for await (const page of flare.listJobs().pages()) console.log(page.jobs.length);
 * ```
 */
export interface JobListPromise<TPayload extends PayloadShape = JsonObject, TResult = unknown>
  extends FlarePromise<JobPage<TPayload, TResult>>,
    AsyncIterable<Job<TPayload, TResult>> {
  /**
   * Every page from this one on, following `next_cursor` until `has_more` is false.
   * @example
   * ```ts
   * for await (const page of flare.listJobs({ limit: 100 }).pages()) await archive(page.jobs);
   * ```
   */
  pages(): AsyncGenerator<JobPage<TPayload, TResult>, void, undefined>;
}

/** Wraps the first page's response and a way to fetch the page after a cursor. */
export function jobListPromise<P extends PayloadShape, R>(
  first: Promise<ApiResponse<JobPage<P, R>>>,
  next: (cursor: string) => Promise<ApiResponse<JobPage<P, R>>>,
): JobListPromise<P, R> {
  const list = flarePromise(first) as JobListPromise<P, R>;
  list.pages = async function* pages() {
    // Iterating is the caller's way of consuming the result; the awaitable side goes unused.
    list.catch(ignore);
    let page = (await first).data;
    yield page;
    while (page.has_more && page.next_cursor) {
      page = (await next(page.next_cursor)).data;
      yield page;
    }
  };
  list[Symbol.asyncIterator] = async function* jobs() {
    for await (const page of list.pages()) yield* page.jobs;
  };
  return list;
}
