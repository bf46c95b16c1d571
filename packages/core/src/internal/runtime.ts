/** `true` in the edge build (conditions workerd, edge-light, worker), `false` elsewhere: tsup.config.ts. */
declare const __FLARE_EDGE__: boolean;

/** `name/version` of the JavaScript runtime, for the `User-Agent`; never throws. */
export function runtimeTag(): string {
  const g = globalThis as {
    EdgeRuntime?: unknown;
    process?: { versions?: Record<string, string | undefined> };
    navigator?: { userAgent?: string };
  };
  if (typeof g.EdgeRuntime === 'string') return 'vercel-edge';
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd';
  // Bun and Deno also report the Node.js version they are compatible with. None of them
  // resolves the edge build's export conditions.
  if (!__FLARE_EDGE__) {
    try {
      const versions = g.process?.versions;
      for (const name of ['bun', 'deno', 'node'])
        if (versions?.[name]) return `${name}/${versions[name]}`;
    } catch {
      // A locked-down process object.
    }
  }
  return 'unknown';
}
