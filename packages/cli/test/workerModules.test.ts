import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import {
  eventually,
  startServer,
  startWorker,
  TestResources,
  workersRegistered,
  workerToken,
} from "./support.js";

const recorder = fileURLToPath(new URL("./fixtures/recordModules.mjs", import.meta.url));
const packages = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));

const oneTask = `
import { dag } from "borda";
export const once = dag({ id: "once" }, ({ task }) => {
  task({ id: "hello", queue: "light" }, async (ctx) => {
    ctx.log("hello");
    return 1;
  });
});
`;

/**
 * `borda worker` loads its own code only (main.ts dispatches before loading the rest of
 * the CLI): every module loaded is a memory cost on every worker box for as long as it runs.
 */
describe("borda worker's modules", () => {
  const resources = new TestResources();
  afterEach(() => resources.cleanup());

  it("runs a task without loading the control plane, the other commands or any zod schema", async () => {
    const cp = await startServer(resources, resources.dir(), { "once.ts": oneTask });
    await cp.store.savePool({
      name: "light",
      slots: 1,
      description: "light",
      includeDeferred: false,
    });
    const log = path.join(resources.dir("borda-modules-"), "modules.log");
    const worker = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["light"]),
      name: "light-worker",
      queues: "light",
      // The recorder, for the test only; runner processes may inherit it, so each line
      // names its process, and only the worker's are read below.
      env: { NODE_OPTIONS: `--import=${recorder}`, BORDA_TEST_MODULES_LOG: log },
    });
    await workersRegistered(cp, worker);
    const run = await cp.scheduler.triggerRun("once", { runId: "light" });
    await eventually(
      async () => (await cp.store.getDagRunById(run.id))?.state === "success",
      () => `the task to succeed (${worker.output()})`,
    );

    const loaded = readFileSync(log, "utf8")
      .split("\n")
      .map((line) => line.split(" "))
      .filter(([pid, url]) => pid === String(worker.child.pid) && url?.startsWith("file://"))
      .map(([, url]) => path.relative(packages, fileURLToPath(url as string)));
    // The worker's own code was recorded, so an empty log proves nothing.
    expect(loaded).toContain(path.join("worker", "dist", "worker.js"));
    expect(loaded).toContain(path.join("protocol", "dist", "edgeAnswers.js"));
    const heavy = loaded.filter(
      (file) =>
        file.startsWith(`server${path.sep}`) ||
        file === path.join("cli", "dist", "program.js") ||
        file === path.join("protocol", "dist", "index.js") ||
        file === path.join("protocol", "dist", "api.js") ||
        // zod alone costs an idle worker 12-14 MiB: the worker checks answers by hand.
        file === path.join("protocol", "dist", "edge.js") ||
        /node_modules[\\/](zod|fastify|kysely|pino|better-sqlite3|pg)[\\/]/.test(file),
    );
    expect(heavy).toEqual([]);
  });
});
