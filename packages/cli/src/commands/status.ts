import type { ApiStatus } from "@borda/protocol";
import type { Command } from "commander";
import { ApiClient, type ApiOptions, addApiOptions } from "../apiClient.js";
import { addOutputOption, outputFormat } from "../output.js";
import { ago } from "./workers.js";

/**
 * `borda status`: what needs attention, from `GET /api/v1/status`. It exits 1 when
 * something does, so a cron job or a script can alert on it without Prometheus.
 */
export function registerStatusCommand(program: Command): void {
  addOutputOption(
    addApiOptions(
      program
        .command("status")
        .description(
          "Show what needs attention: queues with work and no live worker, workers gone silent (unknown), jobs queued too long (BORDA_STUCK_QUEUED_AFTER on the server) and DAG files that failed to import. Exits 0 when all is well, 1 when something needs attention (for scripts and cron).",
        ),
    ),
    "text",
  ).action(async (options: ApiOptions & { output?: string }) => {
    const format = outputFormat(options, "text");
    const client = ApiClient.fromOptions(options);
    const status = await client.get<ApiStatus>("/status");
    process.stdout.write(
      format === "json" ? `${JSON.stringify(status, null, 2)}\n` : statusReport(status, client.url),
    );
    if (!status.healthy) process.exitCode = 1;
  });
}

/** The human report: one section per kind of problem, a line per problem, then what to do. */
function statusReport(status: ApiStatus, url: string): string {
  if (status.healthy) return `Borda at ${url}: all is well.\n`;
  // Against the server's clock, which stamped every instant: this machine's may be off.
  const since = (instant: string) => ago(Date.parse(status.checked_at) - Date.parse(instant));
  const sections: string[] = [];
  const section = (title: string, count: number, lines: string[], next: string[]) => {
    if (count > 0) sections.push([`${title} (${count})`, ...lines, ...next].join("\n"));
  };
  const { unserved_queues: queues, unknown_workers: workers } = status;
  const { stuck_tasks: stuck, import_errors: imports } = status;

  section(
    "Queues with work and no live worker",
    queues.length,
    queues.map(
      (q) => `  ${q.queue}: ${q.queued} queued, the oldest since ${since(q.oldest_queued_at)}`,
    ),
    queues.map((q) => `  → start a worker for queue ${q.queue}: borda worker --queues ${q.queue}`),
  );
  section(
    "Unknown workers (silent past their worker timeout)",
    workers.length,
    workers.map((w) => `  ${w.worker_name}: last heartbeat ${since(w.last_heartbeat)}`),
    [
      "  → check those hosts and restart their workers; once gone for good: borda workers remove <name>",
    ],
  );
  section(
    `Jobs queued longer than ${stuck.threshold_seconds}s`,
    stuck.count,
    [
      ...stuck.oldest.map(
        (t) =>
          `  ${t.dag_id} / ${t.run_id} / ${t.task_id}${t.map_index >= 0 ? `[${t.map_index}]` : ""} on queue ${t.queue}, queued ${since(t.queued_at)}`,
      ),
      ...(stuck.count > stuck.oldest.length
        ? [`  ... and ${stuck.count - stuck.oldest.length} more`]
        : []),
    ],
    [
      "  → see why each waits (REASON): borda tasks list <dag_id> <run_id>; check the workers: borda workers list",
    ],
  );
  section(
    "DAG files that failed to import",
    imports.count,
    [
      ...imports.files.map((f) => `  ${f.filename}`),
      ...(imports.count > imports.files.length
        ? [`  ... and ${imports.count - imports.files.length} more`]
        : []),
    ],
    ["  → fix those files; the UI's Import errors page shows each error"],
  );
  return `Borda at ${url}: ${sections.length} ${sections.length === 1 ? "thing needs" : "things need"} attention.\n\n${sections.join("\n\n")}\n`;
}
