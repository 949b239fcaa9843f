import {
  EdgeWorker,
  type EdgeWorkerOptions,
  resolveWorkerConfig,
  workerSettings,
} from "@borda/worker";
import type { Command } from "commander";
import { addAirflowWorkerFlags, airflowWorkerSettings } from "./airflowWorkerFlags.js";
import { addSettingFlags, settingValues } from "./settingFlags.js";

/** Settings with no flag, read from the environment only; `--help` lists them after the flags. */
const environmentOnly = Object.values(workerSettings)
  .filter((setting) => setting.flag === null)
  .map((setting) => `  ${setting.env}\n      ${setting.description}`)
  .join("\n");

export function registerWorkerCommand(program: Command): void {
  defineWorkerCommand(program.command("worker"));
}

/**
 * Makes `command` the edge worker: `borda worker`, and the whole program of the
 * single-file worker (workerMain.ts), which passes how its runner processes start.
 */
export function defineWorkerCommand(
  command: Command,
  workerOptions: Pick<EdgeWorkerOptions, "runnerCommand"> = {},
): Command {
  return addSettingFlags(
    addAirflowWorkerFlags(command)
      .description(
        "Run an edge worker: take task work from a control plane over outbound HTTPS (needs only its URL and a worker token) and run it here. SIGTERM or SIGINT drains: no new work, running tasks finish up to the drain timeout; a second signal stops waiting. (To manage the registered workers, use `borda workers`.)",
      )
      .addHelpText("after", `\nFrom the environment only:\n${environmentOnly}\n`),
    workerSettings,
  ).action(async (options: Record<string, unknown>) => {
    const given = settingValues(options, workerSettings);
    const worker = new EdgeWorker(
      resolveWorkerConfig({ ...given, ...airflowWorkerSettings(options, given) }),
      workerOptions,
    );
    let signals = 0;
    const drain = (signal: NodeJS.Signals) => {
      signals++;
      void worker.drain(
        signals === 1 ? { reason: signal } : { reason: `second ${signal}`, timeoutMs: 0 },
      );
    };
    process.on("SIGTERM", drain);
    process.on("SIGINT", drain);
    try {
      await worker.start();
      await worker.stopped;
    } finally {
      process.off("SIGTERM", drain);
      process.off("SIGINT", drain);
    }
  });
}
