import type { ApiTaskInstance } from "@borda/protocol";
import type { Command } from "commander";
import { ApiClient, type ApiOptions, addApiOptions, apiPath, readEvents } from "../apiClient.js";
import { addOutputOption, instant, type OutputFormat, outputFormat, printRows } from "../output.js";

/** States in which a task instance that has not run yet never will. */
const neverRuns = new Set(["upstream_failed", "skipped", "removed"]);

/** `borda tasks`: a run's task instances and their logs, through the REST API. */
export function registerTaskCommands(program: Command): void {
  const tasks = program
    .command("tasks")
    .description("List a run's task instances; read their logs.");

  addOutputOption(
    addApiOptions(
      tasks
        .command("list")
        .description("List the task instances of a DAG run.")
        .argument("<dag_id>")
        .argument("<run_id>"),
    ),
  ).action(async (dagId: string, runId: string, options: ApiOptions & { output?: string }) => {
    const format = outputFormat(options);
    printTaskInstances(
      await ApiClient.fromOptions(options).getAll<"task_instances", ApiTaskInstance>(
        apiPath`/dags/${dagId}/dagRuns/${runId}/taskInstances`,
        "task_instances",
      ),
      format,
    );
  });

  addApiOptions(
    tasks
      .command("logs")
      .description(
        "Print a task's log: its latest try, or --try n. With --follow, print it as it is written until the try ends (waiting for the first try to start if need be).",
      )
      .argument("<dag_id>")
      .argument("<run_id>")
      .argument("<task_id>")
      .option("--try <n>", "the try number (default: the latest)")
      .option("-f, --follow", "keep printing the log as the task writes it, until the try ends"),
  ).action(
    async (
      dagId: string,
      runId: string,
      taskId: string,
      options: ApiOptions & { try?: string; follow?: boolean },
    ) => {
      const client = ApiClient.fromOptions(options);
      const instancePath = apiPath`/dags/${dagId}/dagRuns/${runId}/taskInstances/${taskId}`;
      const tryNumber =
        options.try === undefined
          ? await latestTry(client, instancePath, options.follow === true)
          : tryOption(options.try);
      const logPath = `${instancePath}/logs/${tryNumber}`;
      if (!options.follow) {
        const response = await client.request("GET", logPath, {
          query: { full_content: true },
          accept: "text/plain",
        });
        process.stdout.write(await response.text());
        return;
      }
      const response = await client.request("GET", logPath, { accept: "text/event-stream" });
      let ended = false;
      await readEvents(response, ({ event, data }) => {
        if (event === "log")
          process.stdout.write((JSON.parse(data) as { content: string }).content);
        else if (event === "end") ended = true;
      });
      if (!ended) {
        throw new Error(
          `the log stream of '${taskId}' closed before try ${tryNumber} ended; run the command again to read it.`,
        );
      }
    },
  );
}

/** The task instances of a run, as a table or JSON; `runs show` prints them too. */
export function printTaskInstances(
  taskInstances: readonly ApiTaskInstance[],
  format: OutputFormat,
): void {
  printRows(
    taskInstances,
    [
      { header: "TASK ID", value: (t) => t.task_id },
      { header: "STATE", value: (t) => t.state },
      { header: "TRY", value: (t) => t.try_number },
      { header: "POOL", value: (t) => t.pool },
      { header: "QUEUE", value: (t) => t.queue },
      { header: "WORKER", value: (t) => t.hostname || null },
      { header: "START", value: (t) => instant(t.start_date) },
      { header: "END", value: (t) => instant(t.end_date) },
      { header: "DURATION", value: (t) => (t.duration === null ? null : `${t.duration}s`) },
    ],
    format,
  );
}

/**
 * The task instance's latest try. Following a task that has not started yet waits for
 * its first try, so `borda dags trigger` then `borda tasks logs --follow` just works.
 */
async function latestTry(client: ApiClient, instancePath: string, wait: boolean): Promise<number> {
  for (;;) {
    const ti = await client.get<ApiTaskInstance>(instancePath);
    if (ti.try_number > 0) return ti.try_number;
    if (!wait || (ti.state !== null && neverRuns.has(ti.state))) {
      throw new Error(
        `task '${ti.task_id}' has not run${ti.state === null ? " yet" : ` (it is ${ti.state})`}, so it has no log.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function tryOption(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--try must be 1 or more, not '${text}'.`);
  return n;
}
