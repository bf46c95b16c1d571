import { fstatSync, readFileSync } from 'node:fs';

/** How many launcher processes above this one are watched: enough for npx → npm → sh → node. */
const DEPTH = 4;

/** The parent pid of `pid` from Linux's /proc, or `undefined` where there is none (macOS). */
function parentOf(pid: number): number | undefined {
  try {
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** This process's launcher chain: [pid, its parent] pairs, nearest first, below pid 1. */
function launchers(): Array<[number, number]> {
  const chain: Array<[number, number]> = [[process.pid, process.ppid]];
  for (let i = 1; i < DEPTH; i++) {
    const pid = chain[i - 1]![1];
    const parent = parentOf(pid);
    if (pid <= 1 || parent === undefined || parent <= 1) break;
    chain.push([pid, parent]);
  }
  return chain;
}

/**
 * The sidecar contract of `flare-fake`: calls `stop` when the process that launched it goes away.
 * A launcher is often a wrapper that does not forward signals (`npx` runs `npm exec`, which runs
 * `sh -c`), so two signals are watched:
 * - a process of the launcher chain exits (this process or a wrapper above it is re-parented;
 *   checked every `pollMs`, up to `DEPTH` levels where /proc exists, the parent elsewhere);
 * - standard input is a pipe and reaches end-of-file (the launcher closed it, or died holding it).
 *   A terminal or `/dev/null` on stdin is ignored, so interactive and backgrounded runs go on.
 *
 * @example
 * ```ts
 * watchLauncher((why) => server.close().then(() => process.exit(0)));
 * ```
 */
export function watchLauncher(stop: (why: string) => void, pollMs = 250): void {
  const chain = launchers();
  const timer = setInterval(() => {
    const moved = chain.some(([pid, parent], i) =>
      i === 0 ? process.ppid !== parent : parentOf(pid) !== parent,
    );
    if (moved) stop('the process that launched it exited');
  }, pollMs);
  timer.unref();
  let pipe = false;
  try {
    const stat = fstatSync(0);
    pipe = stat.isFIFO() || stat.isSocket();
  } catch {
    // No stdin at all: nothing to watch.
  }
  if (pipe) {
    process.stdin.on('end', () => stop('its standard input closed'));
    process.stdin.on('error', () => stop('its standard input closed'));
    // Read and drop what the launcher writes, so that 'end' arrives.
    process.stdin.resume();
  }
}
