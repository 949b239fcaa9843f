import { type ApiEdgeWorker, WorkerState } from "@borda/protocol";
import type { Command } from "commander";
import { ApiClient, type ApiOptions, addApiOptions, apiPath } from "../apiClient.js";
import { addOutputOption, outputFormat, printRows } from "../output.js";

const workerStates: readonly string[] = Object.values(WorkerState);

/**
 * `borda workers` (plural): manages the edge workers registered with a server, through
 * the REST API (`/api/v1/edge/workers`). `borda worker` (singular) runs one.
 */
export function registerWorkersCommands(program: Command): void {
  const workers = program
    .command("workers")
    .description(
      "Manage the edge workers registered with the server: list them, put them in maintenance, shut them down, remove them, change their queues and concurrency (to run a worker, use `borda worker`).",
    );

  addOutputOption(
    addApiOptions(
      workers
        .command("list")
        .description("List the workers, with their state, queues, slots and last heartbeat.")
        .option("--name <pattern>", "only workers whose name contains this text (any case)")
        .option("--queue <queue>", "only workers serving this queue")
        .option(
          "--state <states>",
          `only workers in these states, comma-separated (${workerStates.join(", ")})`,
        ),
    ),
  ).action(
    async (
      options: ApiOptions & { output?: string; name?: string; queue?: string; state?: string },
    ) => {
      const format = outputFormat(options);
      const states = options.state
        ?.split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      for (const state of states ?? []) {
        if (!workerStates.includes(state)) {
          throw new Error(`--state must be one of ${workerStates.join(", ")}; not '${state}'.`);
        }
      }
      const list = await ApiClient.fromOptions(options).getAll<"workers", ApiEdgeWorker>(
        "/edge/workers",
        "workers",
        { worker_name_pattern: options.name, queue: options.queue, state: states },
      );
      const now = Date.now();
      printRows(
        list,
        [
          { header: "NAME", value: (w) => w.worker_name },
          { header: "STATE", value: (w) => w.state },
          { header: "QUEUES", value: (w) => w.queues },
          { header: "SLOTS", value: (w) => slots(w) },
          {
            header: "LAST HEARTBEAT",
            value: (w) =>
              `${ago(now - Date.parse(w.last_heartbeat))}${w.heartbeat_stale ? " (stale)" : ""}`,
          },
          { header: "VERSION", value: (w) => w.version },
          { header: "MAINTENANCE COMMENT", value: (w) => w.maintenance_comment },
          {
            header: "AUTOMATIC MAINTENANCE",
            value: (w) => w.self_maintenance_reason,
          },
        ],
        format,
      );
    },
  );

  const maintenance = workers
    .command("maintenance")
    .description("Put a worker in maintenance (it takes no new work) or take it out.");
  addApiOptions(
    maintenance
      .command("on")
      .description("Put a worker in maintenance: running tasks finish, no new work is taken.")
      .argument("<name>", "the worker's name")
      .option("--comment <text>", "why, shown in `borda workers list`"),
  ).action(async (name: string, options: ApiOptions & { comment?: string }) => {
    const worker = await ApiClient.fromOptions(options).post<ApiEdgeWorker>(
      apiPath`/edge/workers/${name}/maintenance`,
      { on: true, ...(options.comment === undefined ? {} : { comment: options.comment }) },
    );
    process.stdout.write(
      `Worker '${worker.worker_name}' is going into maintenance (state ${worker.state}).\n`,
    );
  });
  addApiOptions(
    maintenance
      .command("off")
      .description("Take a worker out of maintenance: it takes new work again.")
      .argument("<name>", "the worker's name"),
  ).action(async (name: string, options: ApiOptions) => {
    const worker = await ApiClient.fromOptions(options).post<ApiEdgeWorker>(
      apiPath`/edge/workers/${name}/maintenance`,
      { on: false },
    );
    process.stdout.write(
      `Worker '${worker.worker_name}' is leaving maintenance (state ${worker.state}).\n`,
    );
  });

  addApiOptions(
    workers
      .command("shutdown")
      .description("Ask a worker to stop: it drains its running tasks, then exits.")
      .argument("<name>", "the worker's name"),
  ).action(async (name: string, options: ApiOptions) => {
    const worker = await ApiClient.fromOptions(options).post<ApiEdgeWorker>(
      apiPath`/edge/workers/${name}/shutdown`,
      {},
    );
    process.stdout.write(
      `Asked worker '${worker.worker_name}' to shut down (state ${worker.state}).\n`,
    );
  });

  addApiOptions(
    workers
      .command("remove")
      .description("Remove a worker that is offline or unknown from the list.")
      .argument("<name>", "the worker's name"),
  ).action(async (name: string, options: ApiOptions) => {
    await ApiClient.fromOptions(options).delete(apiPath`/edge/workers/${name}`);
    process.stdout.write(`Removed worker '${name}'.\n`);
  });

  addApiOptions(
    workers
      .command("add-queue")
      .description("Make a worker serve one more queue (within its token's scope).")
      .argument("<name>", "the worker's name")
      .argument("<queue>", "a queue name or '*' pattern"),
  ).action(async (name: string, queue: string, options: ApiOptions) => {
    const worker = await ApiClient.fromOptions(options).post<ApiEdgeWorker>(
      apiPath`/edge/workers/${name}/queues`,
      { queue },
    );
    process.stdout.write(
      `Worker '${worker.worker_name}' now serves ${worker.queues.join(", ")}.\n`,
    );
  });

  addApiOptions(
    workers
      .command("remove-queue")
      .description("Stop a worker serving a queue.")
      .argument("<name>", "the worker's name")
      .argument("<queue>", "one of the queues it serves"),
  ).action(async (name: string, queue: string, options: ApiOptions) => {
    const worker = await ApiClient.fromOptions(options).request(
      "DELETE",
      apiPath`/edge/workers/${name}/queues/${queue}`,
      { accept: "application/json" },
    );
    const updated = (await worker.json()) as ApiEdgeWorker;
    process.stdout.write(
      `Worker '${updated.worker_name}' now serves ${updated.queues.join(", ") || "no queue"}.\n`,
    );
  });

  addApiOptions(
    workers
      .command("set-concurrency")
      .description("Change how many tasks a worker runs at once.")
      .argument("<name>", "the worker's name")
      .argument("<n>", "a whole number from 1 to 10000"),
  ).action(async (name: string, text: string, options: ApiOptions) => {
    const concurrency = Number(text);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 10_000) {
      throw new Error(`<n> must be a whole number from 1 to 10000, not '${text}'.`);
    }
    const worker = await ApiClient.fromOptions(options).patch<ApiEdgeWorker>(
      apiPath`/edge/workers/${name}/concurrency`,
      { concurrency },
    );
    process.stdout.write(
      `Worker '${worker.worker_name}' now runs up to ${worker.concurrency} tasks at once.\n`,
    );
  });
}

/** Busy slots out of the worker's concurrency, e.g. `1/4`. */
function slots(worker: ApiEdgeWorker): string {
  const busy = Math.max(0, worker.concurrency - worker.free_slots);
  return `${busy}/${worker.concurrency}`;
}

/** A duration as people say it: `3s ago`, `5m ago`, `2h ago`, `4d ago`. */
export function ago(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ago`;
  return `${Math.floor(hours / 24)}d ago`;
}
