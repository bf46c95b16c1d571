// flare-fake as a sidecar: it never outlives the process that launched it, even through wrappers
// (npx → npm exec → sh -c → node) that do not forward signals. Every test stops only the pids it
// started (and the server they launched), and leaves none running.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Running, and not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The pids below `pid` (children, grandchildren…), from /proc. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parents) {
      if (parent === p) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return out;
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

/** Spawns `command`, waits for the fake's first line, and returns the launcher and the server's pid. */
async function launch(command: string, args: string[], cwd = ROOT) {
  const child: ChildProcess = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  started.push(child.pid!);
  let out = '';
  child.stdout!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('listening on http://')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`launcher exited ${code}`)));
  });
  // The node process running the bin (not a wrapper whose command line mentions it).
  const server = [child.pid!, ...descendants(child.pid!)].find((pid) => {
    const [exe, script] = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return /node$/.test(exe!) && /cli\.js$/.test(script ?? '');
  });
  expect(server).toBeDefined();
  started.push(server!);
  const url = /listening on (http:\/\/\S+)/.exec(out)![1]!;
  return { child, server: server!, url };
}

describe('flare-fake never outlives its launcher', () => {
  it('exits when its standard input closes', async () => {
    const { child, server, url } = await launch(process.execPath, [BIN, '--port', '0']);
    expect((await fetch(`${url}/_fake/clock`)).status).toBe(200);
    child.stdin!.end();
    expect(await until(() => !alive(server), 5_000)).toBe(true);
  });

  it('exits when a shell wrapper that launched it is killed (stdin still open)', async () => {
    // `; exit` keeps sh alive as the parent instead of exec'ing node, as npm's sh -c can.
    const { child, server } = await launch('sh', [
      '-c',
      `"${process.execPath}" "${BIN}" --port 0; exit $?`,
    ]);
    expect(server).not.toBe(child.pid);
    child.kill('SIGKILL');
    expect(await until(() => !alive(server), 5_000)).toBe(true);
  });

  it('exits when `npx flare-fake` is killed (npx → npm exec → sh -c → node)', async () => {
    const { child, server } = await launch('npx', ['--no-install', 'flare-fake', '--port', '0']);
    // npx is two wrappers above the server: killing it alone orphaned the server before.
    expect(descendants(child.pid!)).toContain(server);
    child.kill('SIGTERM');
    expect(await until(() => !alive(server), 8_000)).toBe(true);
    // Nothing it started is left either.
    expect(descendants(child.pid!).filter(alive)).toEqual([]);
  }, 60_000);

  it('keeps running with a terminal-less, non-pipe stdin (a backgrounded `&` run)', async () => {
    const child = spawn(process.execPath, [BIN, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push(child.pid!);
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, 800));
    expect(alive(child.pid!)).toBe(true);
    child.kill('SIGTERM');
    expect(await until(() => !alive(child.pid!), 5_000)).toBe(true);
  });

  it('says so in --help', async () => {
    const child = spawn(process.execPath, [BIN, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child.pid!);
    let out = '';
    child.stdout!.on('data', (c) => (out += c));
    await new Promise((r) => child.once('exit', r));
    expect(out).toMatch(/exits when its parent process exits/);
    expect(out).toMatch(/standard input is a pipe and is closed/);
  });
});
