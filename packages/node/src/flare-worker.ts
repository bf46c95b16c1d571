import {
  FlareWorker as CoreFlareWorker,
  type FlareWorkerOptions,
  ValidationError,
} from '@flare/core';
import { nodeOs } from './builtins.js';
import { FlareClient } from './flare-client.js';

/**
 * Options of `@flare/node`'s `new FlareWorker(options)`: core's, plus `handleSignals`.
 * @example
 * ```ts
 * const options: NodeWorkerOptions = { handlers: { Ping: () => 'pong' }, handleSignals: false };
 * ```
 */
export interface NodeWorkerOptions extends FlareWorkerOptions {
  /**
   * Default `true`: while `run()` runs, SIGTERM and SIGINT start a graceful `close()`, and a
   * second one stops at once (running jobs aborted and released). The listeners are removed when
   * the worker stops. `false` leaves signals to you.
   */
  handleSignals?: boolean | undefined;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * The Flare worker for Node.js: core's `FlareWorker` with a `node:http` client by default, a
 * `hostname/pid` worker id, and SIGTERM/SIGINT handling in `run()`. `run()` resolves once the
 * worker has stopped; it never calls `process.exit()`: with nothing else to do, the process then
 * exits on its own, with code 0 after a clean drain. (If your process also runs a server, close
 * it after `await worker.run()`.)
 *
 * @example
 * ```ts
 * import { FlareWorker } from '@flare/node';
 *
 * const worker = new FlareWorker({
 *   handlers: { SendWelcomeEmail: async (job, ctx) => sendEmail(job.payload, { signal: ctx.signal }) },
 * });
 * await worker.run(); // kill -TERM <pid>: running jobs finish, then the process exits 0
 * ```
 */
export class FlareWorker extends CoreFlareWorker {
  readonly #handleSignals: boolean;

  constructor(options: NodeWorkerOptions) {
    if (typeof options !== 'object' || options === null) {
      super(options);
      this.#handleSignals = false;
      return;
    }
    const { handleSignals = true, ...core } = options;
    if (typeof handleSignals !== 'boolean') {
      throw new ValidationError('FlareWorker: handleSignals must be true or false', {
        type: 'invalid_request_error',
        code: 'parameter_invalid',
        param: 'handleSignals',
      });
    }
    super({
      ...core,
      client: core.client ?? new FlareClient(),
      workerId: core.workerId ?? `${nodeOs().hostname()}/${process.pid}`.slice(0, 128),
    });
    this.#handleSignals = handleSignals;
  }

  /**
   * Claims and runs jobs until `close()` or, by default, SIGTERM/SIGINT; resolves once stopped.
   * @example
   * ```ts
   * await worker.run();
   * console.log('drained');
   * ```
   */
  override async run(): Promise<void> {
    if (!this.#handleSignals) return super.run();
    let received = 0;
    const onSignal = () => {
      received++;
      // The first signal drains; a second one cuts the grace short.
      void this.close(received > 1 ? { force: true } : undefined);
    };
    for (const signal of SIGNALS) process.on(signal, onSignal);
    try {
      await super.run();
    } finally {
      for (const signal of SIGNALS) process.off(signal, onSignal);
    }
  }
}
