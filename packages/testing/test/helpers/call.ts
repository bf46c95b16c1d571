import type { FakeFlare, FakeResponse } from '@flare/testing';

export const KEY = 'zf_test_sk_fake';

export interface CallOptions {
  body?: unknown;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  key?: string | null;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response fields
export type AnyBody = any;

/** Sends one request straight to the engine (`fake.handle`), as a well-behaved client would. */
export async function call(
  fake: FakeFlare,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<FakeResponse & { body: AnyBody }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== null) headers.authorization = `Bearer ${options.key ?? KEY}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  return fake.handle({ method, path, query: options.query, headers, body });
}

/** The `{ type, code, param }` of an error response, for compact assertions. */
export function errorOf(res: FakeResponse): { status: number; code: string; param?: string } {
  const e = (res.body as AnyBody).error;
  return e.param === undefined
    ? { status: res.status, code: e.code }
    : { status: res.status, code: e.code, param: e.param };
}
