import { parseArgs } from 'node:util';
import { FakeFlare } from './fake-flare.js';
import { watchLauncher } from './internal/sidecar.js';
import { DEFAULT_API_KEY } from './options.js';

const USAGE = `Usage: flare-fake [--port 0] [--host 127.0.0.1] [--api-key KEY]… [--webhook-url URL] [--webhook-secret SECRET]

A stateful fake Flare API server for test suites in any language. Prints
"Flare fake server listening on http://HOST:PORT" first, then "Dashboard: http://HOST:PORT/_fake/ui"
(a live view of jobs, workers, schedules, webhooks and requests), and runs until SIGINT or
SIGTERM, or until the process that launched it goes away: it exits when its parent process exits,
or when its standard input is a pipe and is closed. Launch it with stdin=PIPE (as npx, a shell
wrapper or subprocess.Popen can) and it never outlives your test run; a terminal or /dev/null on
stdin is ignored.
Control API (reset, clock, faults, drivers): see /_fake/* in the @flare/testing README.`;

/** The `flare-fake` command: parses argv, starts the server, stops cleanly on a signal. */
async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-key': { type: 'string', multiple: true },
      'webhook-url': { type: 'string' },
      'webhook-secret': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be a port number from 0 to 65535, got "${values.port}"`);
  }
  const fake = new FakeFlare({
    apiKeys: values['api-key'] ?? [DEFAULT_API_KEY],
    webhooks: { url: values['webhook-url'], secret: values['webhook-secret'] },
  });
  const server = await fake.listen({ port, host: values.host, quiet: true });
  console.log(`Flare fake server listening on ${server.url}`);
  console.log(`Dashboard: ${server.dashboardUrl}`);
  let stopping = false;
  const stop = (why?: string) => {
    if (stopping) return;
    stopping = true;
    if (why) console.error(`flare-fake: stopping, ${why}`);
    // Open keep-alive connections must not hold the exit up.
    const timer = setTimeout(() => process.exit(0), 2_000);
    timer.unref();
    server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop());
  process.once('SIGTERM', () => stop());
  watchLauncher(stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`flare-fake: ${error instanceof Error ? error.message : String(error)}`);
  console.error(USAGE);
  process.exit(2);
});
