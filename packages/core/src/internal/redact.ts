/** Anything shaped like a Flare API key or webhook secret, or a bearer token, wherever it is quoted. */
const SECRET = /\b(?:zf_\w+_sk_|whsec_)[^\s"',;)\]}]*|\bBearer\s+[^\s"',;)\]}]+/gi;

/**
 * An error's message (or the value itself) as text for a log line, with anything shaped like a
 * credential replaced by `[redacted]`, in case a proxy or a handler echoed one.
 */
export function reasonOf(error: unknown): string {
  return String((error as { message?: unknown } | null)?.message ?? error).replace(
    SECRET,
    '[redacted]',
  );
}
