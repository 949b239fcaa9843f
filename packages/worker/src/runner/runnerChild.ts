import { runnerMain } from "./runnerMain.js";

/**
 * A runner process started from the packages (the argument: the DAG bundle's path); see
 * runnerMain.ts. The worker starts it with Node, by default (runnerProcess.ts).
 */
await runnerMain(process.argv[2] ?? "");
