import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ApiDag, ApiDagRun } from "@borda/protocol";
import type { Command } from "commander";
import { ApiClient, type ApiOptions, addApiOptions, apiPath } from "../apiClient.js";
import {
  addOutputOption,
  instant,
  type OutputFormat,
  outputFormat,
  printFields,
  printRows,
} from "../output.js";
import { registerDagBackfillCommand } from "./backfills.js";
import { registerDagTestCommand } from "./dagsTest.js";

interface DeployResult {
  file_name: string;
  dags: { dag_id: string; version_number: number; new_version: boolean }[];
}

/** `borda dags`: list, inspect, pause, trigger and deploy DAGs through the REST API. */
export function registerDagCommands(program: Command): void {
  const dags = program.command("dags").description("List, pause, trigger, deploy and test DAGs.");
  registerDagTestCommand(dags);
  registerDagBackfillCommand(dags);

  addOutputOption(
    addApiOptions(
      dags
        .command("list")
        .description("List the DAGs the server knows.")
        .option("--tags <tags>", "comma-separated: only DAGs with one of these tags")
        .option("--paused", "only paused DAGs")
        .option("--no-paused", "only unpaused DAGs"),
    ),
  ).action(async (options: ApiOptions & { tags?: string; paused?: boolean; output?: string }) => {
    const format = outputFormat(options);
    const tags = options.tags
      ?.split(",")
      .map((t) => t.trim())
      .filter(Boolean);
    const list = await ApiClient.fromOptions(options).getAll<"dags", ApiDag>("/dags", "dags", {
      tags,
      paused: options.paused,
    });
    printRows(
      list,
      [
        { header: "DAG ID", value: (d) => d.dag_id },
        { header: "PAUSED", value: (d) => d.is_paused },
        { header: "SCHEDULE", value: (d) => d.schedule_interval?.value },
        { header: "TAGS", value: (d) => d.tags.map((t) => t.name) },
        { header: "NEXT RUN", value: (d) => instant(d.next_dagrun) },
        { header: "FILE", value: (d) => d.fileloc },
      ],
      format,
    );
  });

  addOutputOption(
    addApiOptions(dags.command("show").description("Show one DAG.").argument("<dag_id>")),
  ).action(async (dagId: string, options: ApiOptions & { output?: string }) => {
    const format = outputFormat(options);
    printDag(await ApiClient.fromOptions(options).get<ApiDag>(apiPath`/dags/${dagId}`), format);
  });

  for (const [name, paused] of [
    ["pause", true],
    ["unpause", false],
  ] as const) {
    addApiOptions(
      dags
        .command(name)
        .description(
          paused
            ? "Pause a DAG: no new scheduled runs, and queued tasks wait."
            : "Unpause a DAG so the scheduler runs it.",
        )
        .argument("<dag_id>"),
    ).action(async (dagId: string, options: ApiOptions) => {
      const dag = await ApiClient.fromOptions(options).patch<ApiDag>(apiPath`/dags/${dagId}`, {
        is_paused: paused,
      });
      process.stdout.write(`DAG '${dag.dag_id}' is ${dag.is_paused ? "paused" : "unpaused"}.\n`);
    });
  }

  addOutputOption(
    addApiOptions(
      dags
        .command("trigger")
        .description("Start a manual run of a DAG and print its run id.")
        .argument("<dag_id>")
        .option("--conf <json>", 'the run\'s conf, a JSON object, e.g. \'{"day": "2025-07-01"}\'')
        .option("--run-id <id>", "the run's id (default: manual__<logical date>)")
        .option("--logical-date <iso>", "the run's logical date, e.g. 2025-07-01T00:00:00Z"),
    ),
    "text",
  ).action(
    async (
      dagId: string,
      options: ApiOptions & {
        conf?: string;
        runId?: string;
        logicalDate?: string;
        output?: string;
      },
    ) => {
      const format = outputFormat(options, "text");
      const run = await ApiClient.fromOptions(options).post<ApiDagRun>(
        apiPath`/dags/${dagId}/dagRuns`,
        {
          conf: options.conf === undefined ? {} : confObject(options.conf),
          ...(options.runId === undefined ? {} : { dag_run_id: options.runId }),
          ...(options.logicalDate === undefined ? {} : { logical_date: options.logicalDate }),
        },
      );
      process.stdout.write(
        format === "json" ? `${JSON.stringify(run, null, 2)}\n` : `${run.dag_run_id}\n`,
      );
    },
  );

  addOutputOption(
    addApiOptions(
      dags
        .command("deploy")
        .description(
          "Upload a DAG file to the server, which processes it like a file in its DAGs folder; prints the DAGs and their versions, or the import error.",
        )
        .argument("<file>", "a .ts, .mts, .js or .mjs DAG file")
        .option(
          "--team <team>",
          "deploy it as a file of the team's folder (<team>/<file>), so its DAGs are the team's; needs Op in the team",
        ),
    ),
    "text",
  ).action(async (file: string, options: ApiOptions & { team?: string; output?: string }) => {
    const format = outputFormat(options, "text");
    const source = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new Error(`cannot read ${file}: ${error.code ?? error.message}`);
    });
    const result = await ApiClient.fromOptions(options).post<DeployResult>("/dags/deploy", {
      file_name:
        options.team === undefined ? path.basename(file) : `${options.team}/${path.basename(file)}`,
      source,
    });
    if (format === "json") {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    process.stdout.write(`Deployed ${result.file_name}:\n`);
    for (const dag of result.dags) {
      process.stdout.write(
        `  ${dag.dag_id}  version ${dag.version_number}${dag.new_version ? " (new)" : " (unchanged)"}\n`,
      );
    }
    if (result.dags.length === 0) process.stdout.write("  (no DAGs in this file)\n");
  });
}

function printDag(dag: ApiDag, format: OutputFormat): void {
  printFields(
    dag,
    [
      { label: "DAG ID", value: (d) => d.dag_id },
      { label: "Description", value: (d) => d.description },
      { label: "Paused", value: (d) => d.is_paused },
      { label: "Active", value: (d) => d.is_active },
      { label: "Schedule", value: (d) => d.timetable_description },
      { label: "Tags", value: (d) => d.tags.map((t) => t.name) },
      { label: "Next run", value: (d) => instant(d.next_dagrun) },
      { label: "Max active runs", value: (d) => d.max_active_runs },
      { label: "Max active tasks", value: (d) => d.max_active_tasks },
      { label: "File", value: (d) => d.fileloc },
      { label: "Last parsed", value: (d) => instant(d.last_parsed_time) },
      { label: "Import errors", value: (d) => d.has_import_errors },
    ],
    format,
  );
}

export function confObject(text: string): Record<string, unknown> {
  let conf: unknown;
  try {
    conf = JSON.parse(text);
  } catch (error) {
    throw new Error(`--conf must be a JSON object: ${(error as Error).message}`);
  }
  if (typeof conf !== "object" || conf === null || Array.isArray(conf)) {
    throw new Error(`--conf must be a JSON object, e.g. '{"key": "value"}', not ${text}`);
  }
  return conf as Record<string, unknown>;
}
