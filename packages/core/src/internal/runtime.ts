/** `name/version` of the JavaScript runtime, for the `User-Agent`; never throws. */
export function runtimeTag(): string {
  const g = globalThis as {
    EdgeRuntime?: unknown;
    Bun?: { version?: string };
    Deno?: { version?: { deno?: string } };
    process?: { versions?: { node?: string } };
    navigator?: { userAgent?: string };
  };
  try {
    // Bun and Deno also have a `process`: they go first.
    if (typeof g.EdgeRuntime === 'string') return 'vercel-edge';
    if (g.Bun) return `bun/${g.Bun.version}`;
    if (g.Deno) return `deno/${g.Deno.version?.deno}`;
    if (g.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd';
    const node = g.process?.versions?.node;
    if (node) return `node/${node}`;
  } catch {
    // A locked-down global: fall through.
  }
  return 'unknown';
}
