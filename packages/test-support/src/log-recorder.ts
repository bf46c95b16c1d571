/** One line a logger was given. */
export interface LoggedLine {
  level: string;
  message: string;
  details: unknown;
}

/**
 * A `{ debug, info, warn, error }` logger (what `logHooks` and `@flare/node` take) that records
 * every line; `text()` is all of them as JSON, to scan for what must never be logged.
 */
export function logRecorder() {
  const lines: LoggedLine[] = [];
  const at = (level: string) => (message: string, details?: unknown) => {
    lines.push({ level, message, details });
  };
  const logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  const text = () => JSON.stringify(lines);
  return { lines, logger, text };
}
