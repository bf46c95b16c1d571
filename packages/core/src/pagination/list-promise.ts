import { FlareError } from '../errors/flare-error.js';
import type { ApiResponse } from '../http/api-response.js';
import { type FlarePromise, flarePromise } from '../http/flare-promise.js';
import { checkObject } from '../http/request-params.js';
import type { Job, JobPage, JsonObject, PayloadShape } from '../types/job.js';

/** What every list endpoint answers: a page of items and the cursor to the next one. */
export interface CursorPage {
  has_more: boolean;
  next_cursor: string | null;
}

/**
 * The result of a list method: await it for one plain page, iterate it with `for await` to walk
 * every item of every page, or call `.pages()` to walk page by page. Further pages are fetched
 * lazily, one at a time.
 *
 * @example
 * ```ts
 * const page = await flare.listJobs({ state: 'failed' });
 * for await (const job of flare.listJobs({ state: 'failed' })) console.log(job.id);
 * for await (const page of flare.listJobs().pages()) console.log(page.jobs.length);
 * ```
 */
export interface ListPromise<TPage extends CursorPage, TItem>
  extends FlarePromise<TPage>,
    AsyncIterable<TItem> {
  /**
   * Every page from this one on, following `next_cursor` until `has_more` is false.
   * @example
   * ```ts
   * for await (const page of flare.listJobs({ limit: 100 }).pages()) await archive(page.jobs);
   * ```
   */
  pages(): AsyncGenerator<TPage, void, undefined>;
}

/**
 * The result of `listJobs`: a `ListPromise` of `{ jobs, has_more, next_cursor }` pages.
 * @example
 * ```ts
 * for await (const job of flare.listJobs({ state: 'failed' })) console.log(job.id);
 * ```
 */
export interface JobListPromise<TPayload extends PayloadShape = JsonObject, TResult = unknown>
  extends ListPromise<JobPage<TPayload, TResult>, Job<TPayload, TResult>> {}

/**
 * The result of a list method: `next` fetches the page at a cursor (the first at `params.cursor`,
 * once `params` is checked, `call` naming the method); `key` names the page's items (`jobs`).
 */
export function listPromise<TPage extends CursorPage, TItem>(
  next: (cursor: string | undefined) => Promise<ApiResponse<TPage>>,
  params: { cursor?: string | undefined },
  key: keyof TPage,
  call: string,
): ListPromise<TPage, TItem> {
  // A bad `params` rejects rather than throws; the first page is asked for at once.
  const list = flarePromise(() => {
    checkObject(params, call);
    return next(params.cursor);
  }) as ListPromise<TPage, TItem>;
  list.pages = async function* pages() {
    // Iterating is the caller's way of consuming the result; the awaitable side goes unused
    // (withResponse marks it handled).
    let page = (await list.withResponse()).data;
    yield page;
    // A cursor answered with itself (or the same next_cursor twice) would loop forever.
    for (let last = params.cursor; page.has_more && page.next_cursor; ) {
      const cursor = page.next_cursor;
      if (cursor === last) {
        throw new FlareError(`Flare repeated cursor ${cursor}: listing stopped`, {
          code: 'cursor_repeated',
        });
      }
      last = cursor;
      page = (await next(cursor)).data;
      yield page;
    }
  };
  list[Symbol.asyncIterator] = async function* items() {
    for await (const page of list.pages()) yield* page[key] as TItem[];
  };
  return list;
}
