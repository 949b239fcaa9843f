import type { ApiDagRun, ApiTaskInstance } from "@borda/protocol";
import type { Command } from "commander";
import { ApiClient, type ApiOptions, addApiOptions, apiPath } from "../apiClient.js";
import { addOutputOption, instant, outputFormat, printFields, printRows } from "../output.js";
import { printTaskInstances } from "./tasks.js";

/** `borda runs`: a DAG's runs through the REST API. */
export function registerRunCommands(program: Command): void {
  const runs = program.command("runs").description("List and inspect DAG runs.");

  addOutputOption(
    addApiOptions(
      runs
        .command("list")
        .description("List a DAG's runs, oldest first.")
        .argument("<dag_id>")
        .option("--state <state>", "only runs in this state: queued, running, success or failed"),
    ),
  ).action(async (dagId: string, options: ApiOptions & { state?: string; output?: string }) => {
    const format = outputFormat(options);
    const list = await ApiClient.fromOptions(options).getAll<"dag_runs", ApiDagRun>(
      apiPath`/dags/${dagId}/dagRuns`,
      "dag_runs",
      { state: options.state },
    );
    printRows(
      list,
      [
        { header: "RUN ID", value: (r) => r.dag_run_id },
        { header: "STATE", value: (r) => r.state },
        { header: "TYPE", value: (r) => r.run_type },
        { header: "LOGICAL DATE", value: (r) => instant(r.logical_date) },
        { header: "START", value: (r) => instant(r.start_date) },
        { header: "END", value: (r) => instant(r.end_date) },
      ],
      format,
    );
  });

  addOutputOption(
    addApiOptions(
      runs
        .command("show")
        .description("Show a DAG run and its task instances.")
        .argument("<dag_id>")
        .argument("<run_id>"),
    ),
  ).action(async (dagId: string, runId: string, options: ApiOptions & { output?: string }) => {
    const format = outputFormat(options);
    const client = ApiClient.fromOptions(options);
    const run = await client.get<ApiDagRun>(apiPath`/dags/${dagId}/dagRuns/${runId}`);
    const taskInstances = await client.getAll<"task_instances", ApiTaskInstance>(
      apiPath`/dags/${dagId}/dagRuns/${runId}/taskInstances`,
      "task_instances",
    );
    if (format === "json") {
      process.stdout.write(
        `${JSON.stringify({ ...run, task_instances: taskInstances }, null, 2)}\n`,
      );
      return;
    }
    printFields(
      run,
      [
        { label: "DAG ID", value: (r) => r.dag_id },
        { label: "Run ID", value: (r) => r.dag_run_id },
        { label: "State", value: (r) => r.state },
        { label: "Type", value: (r) => r.run_type },
        { label: "Logical date", value: (r) => instant(r.logical_date) },
        { label: "Start", value: (r) => instant(r.start_date) },
        { label: "End", value: (r) => instant(r.end_date) },
        { label: "Conf", value: (r) => JSON.stringify(r.conf) },
        { label: "Note", value: (r) => r.note },
      ],
      format,
    );
    process.stdout.write("\n");
    printTaskInstances(taskInstances, format);
  });
}
