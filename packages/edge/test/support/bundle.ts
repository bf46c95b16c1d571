import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

/** packages/edge: `@flare/edge` resolves to the built package through its own exports map. */
export const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface BundleOptions {
  /** Export conditions of the target runtime, e.g. `['workerd', 'worker']`. */
  conditions?: string[];
  format?: 'esm' | 'iife';
  minify?: boolean;
}

/**
 * Bundles `entry` (relative to packages/edge) as a runtime would get it: `platform: 'neutral'`,
 * so an import of a Node built-in fails the build instead of being left to the runtime.
 */
export async function bundle(
  entry: string,
  { conditions = [], format = 'esm', minify = false }: BundleOptions = {},
): Promise<{ code: string; metafile: Metafile }> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: PACKAGE_DIR,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'neutral',
    format,
    minify,
    conditions,
    target: 'es2022',
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]!.text, metafile: result.metafile };
}
