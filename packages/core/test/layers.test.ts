// Imports flow one way, down the layers: Biome's noImportCycles catches file cycles; this test
// catches cycles between the folders of src/, and any runtime-specific import.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `from` folder → the folders it imports from (`.` for src/ itself). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(SRC)) {
    const folder = relative(SRC, file).split('/').slice(0, -1).join('/') || '.';
    const edges = graph.get(folder) ?? new Set<string>();
    graph.set(folder, edges);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(
      /^(?:import|export)\b[^;]*?from '(\.\.?\/[^']+)'/gm,
    )) {
      const target =
        relative(SRC, join(file, '..', spec!))
          .split('/')
          .slice(0, -1)
          .join('/') || '.';
      if (target !== folder) edges.add(target);
    }
  }
  return graph;
}

/** A cycle in `graph` as a path (`a -> b -> a`), or undefined. */
function findCycle(graph: Map<string, Set<string>>): string | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, path: string[]): string | undefined => {
    if (state.get(node) === 'visiting') return [...path, node].join(' -> ');
    if (state.get(node) === 'done') return undefined;
    state.set(node, 'visiting');
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next, [...path, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('core layering', () => {
  it('has no cycle between the folders of src/', () => {
    expect(findCycle(folderGraph())).toBeUndefined();
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['client', new Set(['http'])],
      ['http', new Set(['client'])],
    ]);
    expect(findCycle(graph)).toBe('client -> http -> client');
  });

  it('imports nothing runtime-specific', () => {
    for (const file of sources(SRC)) {
      expect(readFileSync(file, 'utf8'), relative(SRC, file)).not.toMatch(
        /^(import|export)\b[^;]*from '(node:|@flare\/)/m,
      );
    }
  });
});
