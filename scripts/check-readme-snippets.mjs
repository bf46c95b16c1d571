// Type-checks every ```ts block of the user-facing READMEs (README.md, packages/*/README.md)
// against the BUILT packages, resolved through node_modules and their `exports` as an app that
// installed them would. Each block is written as a module of its own under `.readme-snippets/`
// (gitignored), next to a tsconfig that extends tsconfig.base.json, and compiled with no emit.
// A block whose first line is a `// path/to/file.ts` comment is written to that path (per
// README), so the blocks of one README can import each other as the files of one app would.
// Errors are printed at their README file:line; exits 1 on any error or when no block is found.
// Needs `pnpm build` first (`pnpm test` runs it after the builds).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRATCH = join(ROOT, '.readme-snippets');
const OPEN = /^\s*```(?:ts|typescript)(?:\s.*)?$/;
const FENCE = /^\s*```/;
const CLOSE = /^\s*```\s*$/;
const PATH_COMMENT = /^\/\/ ((?:[\w-][\w.-]*\/)*[\w-][\w.-]*\.m?ts)\s*$/;

// The published packages: a private one (test-support) has no user-facing README and no build.
const published = readdirSync(join(ROOT, 'packages'))
  .sort()
  .filter((name) => existsSync(join(ROOT, 'packages', name, 'package.json')))
  .filter((name) => {
    const manifest = readFileSync(join(ROOT, 'packages', name, 'package.json'), 'utf8');
    return JSON.parse(manifest).private !== true;
  });

const readmes = ['README.md', ...published.map((name) => `packages/${name}/README.md`)].filter(
  (file) => existsSync(join(ROOT, file)),
);

const missingBuilds = published.filter((name) => !existsSync(join(ROOT, 'packages', name, 'dist')));
if (missingBuilds.length > 0) {
  console.error(
    `check-readme-snippets: no dist/ in ${missingBuilds.map((n) => `packages/${n}`).join(', ')}: ` +
      'the READMEs are checked against the built packages, so run `pnpm build` first',
  );
  process.exit(1);
}

/** The ```ts blocks of one README: { readme, line (of the block's first code line), code }. */
function extractBlocks(readme) {
  const lines = readFileSync(join(ROOT, readme), 'utf8').split(/\r?\n/);
  const blocks = [];
  let inFence = false;
  let current = null;
  lines.forEach((text, index) => {
    if (!inFence) {
      if (!FENCE.test(text)) return;
      inFence = true;
      if (OPEN.test(text)) current = { readme, line: index + 2, lines: [] };
    } else if (CLOSE.test(text)) {
      inFence = false;
      if (current) blocks.push({ readme, line: current.line, code: current.lines.join('\n') });
      current = null;
    } else {
      current?.lines.push(text);
    }
  });
  if (inFence) throw new Error(`${readme}: a code fence is never closed`);
  return blocks;
}

rmSync(SCRATCH, { recursive: true, force: true });
mkdirSync(SCRATCH, { recursive: true });

/** Absolute file path → the block it holds. */
const byFile = new Map();
for (const readme of readmes) {
  const dir = join(SCRATCH, readme.replace(/\.md$/, '').replaceAll('/', '-'));
  for (const block of extractBlocks(readme)) {
    const named = PATH_COMMENT.exec(block.code.split('\n')[0] ?? '');
    const file = resolve(dir, named ? named[1] : `block-L${block.line}.ts`);
    if (byFile.has(file)) {
      console.error(`${readme}:${block.line}: a second block writes ${named?.[1]}`);
      process.exit(1);
    }
    if (block.code.trim() === '') {
      console.error(`${readme}:${block.line}: an empty ts block`);
      process.exit(1);
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${block.code}\n`);
    byFile.set(file, block);
  }
}
if (byFile.size === 0) {
  console.error(`check-readme-snippets: no \`\`\`ts block in ${readmes.join(', ')}`);
  process.exit(1);
}

// NodeNext: resolution through each package's `exports` as Node applies them (an app on
// @flare/node), and `.js` specifiers between a README's own files. No DOM lib: the globals a
// block may use are those of @types/node, which Workers and Vercel Edge also have (fetch,
// Request, Response, crypto.subtle). skipLibCheck stays as in tsconfig.base.json (on): msw's
// declarations need the DOM lib, and third-party declarations are not what this checks.
const tsconfig = {
  extends: '../tsconfig.base.json',
  compilerOptions: {
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    moduleDetection: 'force',
    noEmit: true,
    declaration: false,
    sourceMap: false,
    lib: ['ES2022'],
    types: ['node'],
  },
  include: ['**/*.ts'],
};
const tsconfigPath = join(SCRATCH, 'tsconfig.json');
writeFileSync(tsconfigPath, `${JSON.stringify(tsconfig, null, 2)}\n`);

const configErrors = [];
const parsed = ts.getParsedCommandLineOfConfigFile(
  tsconfigPath,
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => configErrors.push(d) },
);
const program = ts.createProgram({
  rootNames: parsed?.fileNames ?? [],
  options: parsed?.options ?? {},
  configFileParsingDiagnostics: parsed?.errors ?? [],
});
const diagnostics = [...configErrors, ...ts.getPreEmitDiagnostics(program)];

const toPosix = (path) => path.split(sep).join('/');
/** One diagnostic as printed lines, and where it sorts: README order, then line and column. */
function describe(diagnostic) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
  const code = `error TS${diagnostic.code}`;
  if (!diagnostic.file || diagnostic.start === undefined) {
    return { key: [-1, 0, 0], lines: [`${code}: ${message}`] };
  }
  const file = resolve(diagnostic.file.fileName);
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const block = byFile.get(file);
  if (!block) {
    const where = `${toPosix(relative(ROOT, file))}:${line + 1}:${character + 1}`;
    return { key: [readmes.length, 0, 0], lines: [`${where} - ${code}: ${message}`] };
  }
  const readmeLine = block.line + line;
  const text = block.code.split('\n')[line] ?? '';
  return {
    key: [readmes.indexOf(block.readme), readmeLine, character],
    lines: [
      `${block.readme}:${readmeLine}:${character + 1} - ${code}: ${message}`,
      `  ${readmeLine} | ${text}`,
    ],
  };
}
const byPlace = (a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2];
for (const { lines } of diagnostics.map(describe).sort(byPlace)) {
  for (const line of lines) console.error(line);
}

const blocks = byFile.size;
const withBlocks = new Set([...byFile.values()].map((b) => b.readme)).size;
if (diagnostics.length > 0) {
  console.error(
    `${diagnostics.length} type error(s) in the ts blocks of the READMEs ` +
      `(${blocks} blocks in ${withBlocks} READMEs checked against the built packages)`,
  );
  process.exit(1);
}
console.log(`${blocks} ts blocks in ${withBlocks} READMEs type-check against the built packages`);
