#!/usr/bin/env node
import { keepYoungGenerationSmall } from "./workerHeap.js";

/**
 * The `borda` command. `borda worker` runs for days on every worker box, so it loads only
 * its own code: not the other commands, the control plane or the REST API's schemas
 * (those alone take 5 MiB). Anything else loads the whole program.
 */
if (process.argv[2] === "worker") {
  keepYoungGenerationSmall();
  const { runBordaWorker } = await import("./bordaWorker.js");
  await runBordaWorker();
} else {
  await import("./program.js");
}
