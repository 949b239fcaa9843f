import type { Backfill, BackfillPostBody } from "@borda/protocol";
import type { Command } from "commander";
import { ApiClient, type ApiOptions, addApiOptions, apiPath } from "../apiClient.js";
import { addOutputOption, instant, outputFormat, printRows } from "../output.js";
import { confObject } from "./dags.js";

/** How often a waiting `borda dags backfill` reads the backfill's progress. */
const progressIntervalMs = 1000;

interface BackfillOptions extends ApiOptions {
  from: string;
  to: string;
  reprocess: string;
  maxActiveRuns?: string;
  conf?: string;
  runBackwards?: boolean;
  dryRun?: boolean;
  wait: boolean;
  output?: string;
}

/**
 * `borda dags backfill DAG_ID --from DATE --to DATE`: Airflow's `airflow dags backfill -s
 * -e`, through the REST API (`POST /backfills`). It waits and prints progress until the
 * backfill completes, unless `--no-wait`.
 */
export function registerDagBackfillCommand(dags: Command): void {
  addOutputOption(
    addApiOptions(
      dags
        .command("backfill")
        .description(
          "Run a DAG for each logical date of its schedule from --from to --to (both included), in order, a few runs at a time; prints progress until it completes.",
        )
        .argument("<dag_id>")
        .requiredOption(
          "--from <date>",
          "the first logical date, e.g. 2025-07-01 (read in the DAG's time zone) or 2025-07-01T00:00:00Z",
        )
        .requiredOption("--to <date>", "the last logical date (included), as --from")
        .option(
          "--reprocess <behavior>",
          "a date that already has a run: none (skip it), failed (re-run it if it failed) or all (re-run it)",
          "none",
        )
        .option(
          "--max-active-runs <n>",
          "how many of its runs may be active at once (default: the DAG's max_active_runs)",
        )
        .option("--conf <json>", "the conf of every run, a JSON object")
        .option("--run-backwards", "create the runs newest first")
        .option("--dry-run", "print the logical dates it would run, and create nothing")
        .option("--no-wait", "start it and return; follow it with `borda backfills list`"),
    ),
    "text",
  ).action(async (dagId: string, options: BackfillOptions) => {
    const format = outputFormat(options, "text");
    const api = ApiClient.fromOptions(options);
    const body = backfillBody(dagId, options);
    if (options.dryRun) {
      const dates = await api.post<{ backfills: { logical_date: string }[] }>(
        "/backfills/dry_run",
        body,
      );
      if (format === "json") {
        process.stdout.write(`${JSON.stringify(dates, null, 2)}\n`);
        return;
      }
      for (const date of dates.backfills) process.stdout.write(`${date.logical_date}\n`);
      process.stdout.write(`${dates.backfills.length} logical dates would get a run.\n`);
      return;
    }
    let backfill = await api.post<Backfill>("/backfills", body);
    const say = (text: string) => {
      if (format === "text") process.stdout.write(text);
    };
    say(
      `Backfill ${backfill.id} of DAG '${dagId}': ${backfill.progress.total} logical dates, at most ${backfill.max_active_runs} runs at once.\n`,
    );
    if (options.wait) {
      say(
        `Waiting for it; Ctrl-C stops waiting, \`borda backfills cancel ${backfill.id}\` stops it.\n`,
      );
      let shown = "";
      for (;;) {
        const line = progressLine(backfill);
        if (line !== shown) say(`${line}\n`);
        shown = line;
        if (backfill.completed_at !== null) break;
        await new Promise((resolve) => setTimeout(resolve, progressIntervalMs));
        backfill = await api.get<Backfill>(apiPath`/backfills/${String(backfill.id)}`);
      }
    }
    if (format === "json") {
      process.stdout.write(`${JSON.stringify(backfill, null, 2)}\n`);
    } else if (options.wait) {
      say(`${outcome(backfill)}\n`);
    }
    if (options.wait && (backfill.progress.failed > 0 || backfill.is_paused)) process.exitCode = 1;
  });
}

/** `borda backfills`: list them, and pause, unpause or cancel one. */
export function registerBackfillCommands(program: Command): void {
  const backfills = program
    .command("backfills")
    .description(
      "List backfills and pause, unpause or cancel one (start one with `borda dags backfill`).",
    );

  addOutputOption(
    addApiOptions(
      backfills
        .command("list")
        .description("List backfills, newest first, with their progress.")
        .option("--dag-id <dag_id>", "only this DAG's"),
    ),
  ).action(async (options: ApiOptions & { dagId?: string; output?: string }) => {
    const format = outputFormat(options);
    const list = await ApiClient.fromOptions(options).getAll<"backfills", Backfill>(
      "/backfills",
      "backfills",
      { dag_id: options.dagId, order_by: "-id" },
    );
    printRows(
      list,
      [
        { header: "ID", value: (b) => b.id },
        { header: "DAG ID", value: (b) => b.dag_id },
        { header: "FROM", value: (b) => instant(b.from_date) },
        { header: "TO", value: (b) => instant(b.to_date) },
        { header: "STATE", value: (b) => stateOf(b) },
        { header: "DATES", value: (b) => b.progress.total },
        { header: "CREATED", value: (b) => b.progress.created },
        { header: "RUNNING", value: (b) => b.progress.running },
        { header: "SUCCEEDED", value: (b) => b.progress.succeeded },
        { header: "FAILED", value: (b) => b.progress.failed },
      ],
      format,
    );
  });

  for (const [action, description] of [
    ["pause", "Pause a backfill: it creates no new runs until unpaused (its runs go on)."],
    ["unpause", "Unpause a backfill."],
    [
      "cancel",
      "Cancel a backfill: no new runs; its runs not yet started fail; running ones go on.",
    ],
  ] as const) {
    addApiOptions(
      backfills.command(action).description(description).argument("<backfill_id>"),
    ).action(async (id: string, options: ApiOptions) => {
      const backfill = await ApiClient.fromOptions(options).put<Backfill>(
        apiPath`/backfills/${id}/${action}`,
      );
      process.stdout.write(
        `Backfill ${backfill.id} of DAG '${backfill.dag_id}' is ${stateOf(backfill)}: ${progressLine(backfill)}\n`,
      );
    });
  }
}

function backfillBody(dagId: string, options: BackfillOptions): BackfillPostBody {
  const reprocess = options.reprocess;
  if (!["none", "failed", "all", "completed"].includes(reprocess)) {
    throw new Error(`--reprocess must be none, failed or all, not '${reprocess}'.`);
  }
  let maxActiveRuns: number | undefined;
  if (options.maxActiveRuns !== undefined) {
    maxActiveRuns = Number(options.maxActiveRuns);
    if (!Number.isInteger(maxActiveRuns) || maxActiveRuns < 1) {
      throw new Error(
        `--max-active-runs must be a whole number of 1 or more, not '${options.maxActiveRuns}'.`,
      );
    }
  }
  return {
    dag_id: dagId,
    from_date: options.from,
    to_date: options.to,
    reprocess_behavior: reprocess as BackfillPostBody["reprocess_behavior"],
    run_backwards: options.runBackwards ?? false,
    ...(options.conf === undefined ? {} : { dag_run_conf: confObject(options.conf) }),
    ...(maxActiveRuns === undefined ? {} : { max_active_runs: maxActiveRuns }),
  };
}

/** A cancelled backfill is paused and completed (as Airflow 3 leaves it); a finished one, only completed. */
function stateOf(backfill: Backfill): string {
  if (backfill.completed_at === null) return backfill.is_paused ? "paused" : "running";
  return backfill.is_paused ? "cancelled" : "completed";
}

function progressLine({ progress }: Backfill): string {
  return `${progress.created}/${progress.total} runs created, ${progress.running} running, ${progress.succeeded} succeeded, ${progress.failed} failed${progress.skipped > 0 ? `, ${progress.skipped} skipped (they had a run)` : ""}`;
}

function outcome(backfill: Backfill): string {
  const { failed } = backfill.progress;
  if (stateOf(backfill) === "cancelled") return `Backfill ${backfill.id} was cancelled.`;
  if (failed > 0) {
    return `Backfill ${backfill.id} completed with ${failed} failed run${failed === 1 ? "" : "s"}: \`borda runs list ${backfill.dag_id} --state failed\` lists them.`;
  }
  return `Backfill ${backfill.id} completed: every run succeeded.`;
}
