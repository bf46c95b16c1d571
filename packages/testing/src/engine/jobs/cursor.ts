import { createHmac, randomBytes } from 'node:crypto';
import { badParam } from '../api-failure.js';

/** A keyset position: the last item of the previous page. */
export interface Position {
  createdMs: number;
  id: string;
}

/**
 * Opaque keyset cursors: `base64url("<created ms>.<id>")` plus a MAC, so a cursor this fake did
 * not issue is refused (400 `parameter_invalid`, `param: cursor`) while a real one never expires.
 */
export class CursorCodec {
  readonly #key = randomBytes(16);

  encode(position: Position): string {
    const body = Buffer.from(`${position.createdMs}.${position.id}`).toString('base64url');
    return `${body}.${this.#mac(body)}`;
  }

  /** The position a cursor holds, for ids with `prefix` (`job_`, `sch_`). */
  decode(cursor: string, prefix: string): Position {
    const [body, mac, extra] = cursor.split('.');
    if (body && mac && extra === undefined && mac === this.#mac(body)) {
      const [ms, id] = Buffer.from(body, 'base64url').toString('utf8').split('.');
      if (id?.startsWith(prefix) && /^\d+$/.test(ms ?? '')) return { createdMs: Number(ms), id };
    }
    throw badParam(
      'cursor',
      "is not a cursor this server issued; pass a page's next_cursor verbatim",
    );
  }

  #mac(body: string): string {
    return createHmac('sha256', this.#key).update(body).digest('base64url').slice(0, 16);
  }
}
