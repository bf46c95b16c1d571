// The script the edge-runtime test evaluates in an EdgeVM (bundled with the built @flare/edge).
import { runChecks } from './checks.js';

(globalThis as { runFlareChecks?: unknown }).runFlareChecks = (baseUrl: string) =>
  runChecks(baseUrl).then((report) => JSON.stringify(report));
