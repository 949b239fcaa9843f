import { fileURLToPath } from "node:url";
import { keepYoungGenerationSmall } from "./workerHeap.js";

/**
 * The single-file edge worker (`npm run build:worker`): `borda worker` alone, without the
 * control plane, bundled into dist/borda-worker.mjs and the executable dist/borda-worker.
 * It has no runnerChild.js beside it, so it is its own runner process: started again with
 * `--borda-runner <bundle>`, it runs tasks for the worker that started it.
 *
 * Each role imports only its own code: a runner process, one per slot, that does not
 * evaluate the worker, its schemas and commander starts 10 ms sooner and takes 2.5 MiB less
 * memory (scripts/build-worker.mjs keeps the imports lazy in the bundle).
 */

const runnerFlag = "--borda-runner";

if (process.argv[2] === runnerFlag) {
  void import("@borda/worker/runner/runnerMain").then(({ runnerMain }) =>
    runnerMain(process.argv[3] ?? ""),
  );
} else {
  // The file this code is in: the .mjs, run by Node; or, in a single executable
  // application, the executable itself (the build makes import.meta.url its path).
  const self = fileURLToPath(import.meta.url);
  keepYoungGenerationSmall();
  void import("./workerProgram.js").then(({ runWorkerProgram }) =>
    runWorkerProgram(
      self === process.execPath ? [self, runnerFlag] : [process.execPath, self, runnerFlag],
    ),
  );
}
