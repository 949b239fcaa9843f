import { BordaError } from "@borda/protocol/edge";
import type { Command } from "commander";

/** Runs a command-line program; a failure is one clear line on stderr and exit code 1. */
export async function runProgram(program: Command): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    // One clear line, never a stack trace: the message says what to do.
    const message =
      error instanceof BordaError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`${program.name()}: ${message}\n`);
    process.exitCode = 1;
  }
}
