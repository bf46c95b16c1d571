// Runs a benchmark server in a child process (so it does not share the client's event loop) and
// stops exactly that process, by its pid, when done.
import { fork } from 'node:child_process';

/** Starts `script` (under bench/servers) and resolves with its URL and a way to talk to it. */
export function startServer(script) {
  const child = fork(new URL(`./servers/${script}`, import.meta.url), [], {
    // As in the client (`settleHeap`), a server may collect between measurements.
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    child.once('message', (url) => {
      child.removeAllListeners('exit');
      resolve({
        url,
        /** Sends `message` and waits for the server's echo of it. */
        ask: (message) =>
          new Promise((done) => {
            child.once('message', done);
            child.send(message);
          }),
        stop: () =>
          new Promise((done) => {
            child.once('exit', done);
            child.disconnect();
            // A server that ignores the disconnect is stopped by its pid.
            setTimeout(() => child.exitCode === null && process.kill(child.pid), 2_000).unref();
          }),
      });
    });
  });
}
