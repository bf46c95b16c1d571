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
    if (typeof g.EdgeRuntime === 'string') return 'vercel-edge';
    if (g.Bun?.version) return `bun/${g.Bun.version}`;
    if (g.Deno?.version?.deno) return `deno/${g.Deno.version.deno}`;
    if (g.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd';
    if (g.process?.versions?.node) return `node/${g.process.versions.node}`;
  } catch {
    // A locked-down global: fall through.
  }
  return 'unknown';
}
