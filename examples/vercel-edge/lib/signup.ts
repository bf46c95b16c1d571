/**
 * The email of a signup body `{ "email": "…" }`; `undefined` for anything else (not JSON, no
 * email, not an address), which the route answers with 400.
 */
export async function readEmail(request: Request): Promise<string | undefined> {
  const body = (await request.json().catch(() => null)) as { email?: unknown } | null;
  const email = body?.email;
  return typeof email === 'string' && email.includes('@') && email.length <= 254
    ? email
    : undefined;
}

/**
 * `welcome-` + the SHA-256 of the address: the same signup always gets the same key. A header
 * value must be printable ASCII, which an address need not be (`josé@…`), and the hash keeps the
 * address out of request logs.
 */
export async function welcomeKey(email: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(email));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0'));
  return `welcome-${hex.join('')}`;
}
