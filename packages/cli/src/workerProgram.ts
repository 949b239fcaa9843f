import { type RunnerCommand, workerVersion } from "@borda/worker";
import { Command } from "commander";
import { defineWorkerCommand } from "./commands/worker.js";
import { runProgram } from "./runProgram.js";

/** The single-file worker's program: `borda worker`'s settings, as the whole program. */
export function runWorkerProgram(runnerCommand: RunnerCommand): Promise<void> {
  const program = new Command("borda-worker")
    .version(workerVersion, "-V, --version")
    .showHelpAfterError("(run with --help for usage)");
  return runProgram(defineWorkerCommand(program, { runnerCommand }));
}
