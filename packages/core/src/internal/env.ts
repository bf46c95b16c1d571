/**
 * Reads an environment variable where the runtime has one (Node, Bun, Vercel Edge), through a
 * guarded `globalThis` lookup so core never touches `process` directly. Workers have none.
 */
export function readEnv(name: string): string | undefined {
  try {
    const g = globalThis as { process?: { env?: Record<string, string | undefined> } };
    return g.process?.env?.[name]?.trim() || undefined;
  } catch {
    // Deno without --allow-env throws on access.
  }
}
