import { Command } from "commander";
import { cliVersion } from "./version.js";

/** The `borda` program with no commands yet: its name, `--version` and error help. */
export function bordaProgram(): Command {
  return new Command("borda")
    .version(cliVersion, "-V, --version")
    .showHelpAfterError("(run with --help for usage)");
}
