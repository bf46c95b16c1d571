// Packs the publishable packages into tarballs, to try the SDK before it is on the registry:
// `pnpm pack:local [dir]` (default `.packs/`) builds, packs @flare/core, node, edge and testing
// with `pnpm pack` (workspace:* ranges become real versions, exactly as `pnpm publish` would
// write them), and prints how an npm or a pnpm project installs them. The tarballs depend on each
// other by version (`@flare/core@0.0.0`), which no registry has yet: npm takes the core tarball
// installed beside them; pnpm needs an override pointing at it (printed below).
// packages/testing/test/packed-install.test.ts installs them offline and runs a call.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['core', 'node', 'edge', 'testing'];

/** Packs every package into `dir`; returns `{ '@flare/core': '/abs/flare-core-0.0.0.tgz', … }`. */
export function packLocal(dir) {
  mkdirSync(dir, { recursive: true });
  const tarballs = {};
  for (const name of PACKAGES) {
    const cwd = join(ROOT, 'packages', name);
    const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
    execFileSync('pnpm', ['pack', '--pack-destination', dir], { cwd, stdio: 'ignore' });
    tarballs[pkg.name] = join(dir, `${pkg.name.slice(1).replace('/', '-')}-${pkg.version}.tgz`);
  }
  return tarballs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? join(ROOT, '.packs'));
  const tarballs = packLocal(dir);
  const core = tarballs['@flare/core'];
  const node = tarballs['@flare/node'];
  console.log(`Packed into ${dir}:\n  ${Object.values(tarballs).join('\n  ')}\n`);
  console.log(`npm:  npm install ${core} ${node}`);
  console.log(
    `pnpm: add to your pnpm-workspace.yaml\n        overrides:\n          '@flare/core': file:${core}`,
  );
  console.log(`      then pnpm add ${core} ${node}`);
}
