import { bordaProgram } from "./bordaProgram.js";
import { defineWorkerCommand } from "./commands/worker.js";
import { runProgram } from "./runProgram.js";

/** `borda worker`: the `borda` program with its worker command alone (see main.ts). */
export function runBordaWorker(): Promise<void> {
  const program = bordaProgram();
  defineWorkerCommand(program.command("worker"));
  return runProgram(program);
}
