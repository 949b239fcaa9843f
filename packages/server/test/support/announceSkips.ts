// Vitest global setup: says once, at the top of the run, which suites will be skipped and
// how to run them. The per-suite reasons are in skipped suites' titles, which the default
// reporter does not print.
import { postgresSkipMessage, postgresUrl } from "./postgresSkip.js";

export default function announceSkips(): void {
  if (!postgresUrl) process.stderr.write(`\n${postgresSkipMessage}\n\n`);
}
