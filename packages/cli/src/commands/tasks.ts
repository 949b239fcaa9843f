import { createInterface } from "node:readline/promises";
import {
  type ApiTaskInstance,
  type ApiTaskInstanceReference,
  taskInstanceReason,
} from "@borda/protocol";
import type { Command } from "commander";
import { ApiClient, type ApiOptions, addApiOptions, apiPath, readEvents } from "../apiClient.js";
import { addOutputOption, instant, type OutputFormat, outputFormat, printRows } from "../output.js";

/** States in which a task instance that has not run yet never will. */
const neverRuns = new Set(["upstream_failed", "skipped", "removed"]);

/** `borda tasks`: a run's task instances, their logs and clearing them, through the REST API. */
export function registerTaskCommands(program: Command): void {
  const tasks = program
    .command("tasks")
    .description("List a run's task instances; read their logs; clear them to run again.");

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

  registerClearCommand(tasks);
}

/** The options of `borda tasks clear`, as commander parses them. */
interface ClearOptions extends ApiOptions {
  upstream?: boolean;
  downstream?: boolean;
  onlyFailed?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  output?: string;
}

/**
 * `borda tasks clear`: clears task instances of a run so they run again, through
 * `POST /dags/{dag_id}/clearTaskInstances`. Clearing cannot be undone (the cleared tries'
 * results go), so it shows what it would clear and asks, unless --yes; with no terminal
 * to ask on, it needs --yes.
 */
function registerClearCommand(tasks: Command): void {
  addOutputOption(
    addApiOptions(
      tasks
        .command("clear")
        .description(
          "Clear task instances of a DAG run so they run again: every task of the run, or those named (and with --upstream / --downstream their relatives). Prints the task instances cleared.",
        )
        .argument("<dag_id>")
        .argument("<run_id>")
        .argument("[task_ids...]", "the tasks to clear (default: every task of the run)")
        .option("--upstream", "also clear the tasks upstream of those named")
        .option("--downstream", "also clear the tasks downstream of those named")
        .option("--only-failed", "clear only failed and upstream_failed task instances")
        .option("--dry-run", "print what would be cleared, and clear nothing")
        .option("-y, --yes", "clear without asking first"),
    ),
  ).action(async (dagId: string, runId: string, taskIds: string[], options: ClearOptions) => {
    const format = outputFormat(options);
    const client = ApiClient.fromOptions(options);
    const clear = async (dryRun: boolean) =>
      (
        await client.post<{ task_instances: ApiTaskInstanceReference[] }>(
          apiPath`/dags/${dagId}/clearTaskInstances`,
          {
            dag_run_id: runId,
            ...(taskIds.length > 0 ? { task_ids: taskIds } : {}),
            include_upstream: options.upstream === true,
            include_downstream: options.downstream === true,
            // The API's default is true; the command's, as Airflow's CLI, is every state.
            only_failed: options.onlyFailed === true,
            dry_run: dryRun,
          },
        )
      ).task_instances;
    if (!options.dryRun && !options.yes) {
      if (!process.stdin.isTTY) {
        throw new Error(
          "clearing asks for confirmation, and there is no terminal to ask on: pass --yes to clear without asking (--dry-run shows what would be cleared).",
        );
      }
      const planned = await clear(true);
      if (planned.length === 0) {
        printClearedTaskInstances(planned, format);
        return;
      }
      printClearedTaskInstances(planned, "table", (text) => process.stderr.write(text));
      const these =
        planned.length === 1 ? "this task instance" : `these ${planned.length} task instances`;
      if (!(await confirm(`Clear ${these}? [y/N] `))) {
        throw new Error("cancelled: nothing was cleared.");
      }
    }
    printClearedTaskInstances(await clear(options.dryRun === true), format);
  });
}

function printClearedTaskInstances(
  references: readonly ApiTaskInstanceReference[],
  format: OutputFormat,
  write?: (text: string) => void,
): void {
  printRows(
    references,
    [
      { header: "TASK ID", value: (t) => t.task_id },
      { header: "RUN ID", value: (t) => t.dag_run_id },
      { header: "LOGICAL DATE", value: (t) => instant(t.execution_date) },
    ],
    format,
    write,
  );
}

/** Asks a yes/no question on the terminal; only "y" or "yes" is yes. */
async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
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
      { header: "REASON", value: (t) => taskInstanceReason(t) },
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
