import { describe, it } from "vitest";
import { ServerProcess } from "./serverProcess.js";
import {
  eventually,
  freePorts,
  startWorker,
  TestResources,
  type WorkerProcess,
} from "./support.js";

/**
 * The control plane goes away for two minutes while tasks run on their workers, and
 * comes back on the same home: once stopped by an operator (SIGTERM), once crashed
 * (SIGKILL). Only silence the control plane could hear may kill an attempt
 * (invariant 8), and it heard none while it was down: so every task goes on, finishes on
 * its first try, and its log arrives whole, in order, each line once (invariant 5), the
 * part written during the outage spooled on the worker and shipped when the server is
 * back. The server runs with its default worker timeout (15 s), far shorter than the
 * outage.
 *
 * The two outages run at once, on two independent servers, so the file takes the time of
 * one: about three minutes.
 */

const outageMs = 120_000;
/** Each task logs a numbered line a second for longer than the outage. */
const ticks = 150;

const tickingDag = `
import { dag } from "borda";
export default dag({ id: "ticking" }, ({ task, bash }) => {
  for (const id of ["function_1", "function_2"]) {
    task({ id, queue: "outage" }, async (ctx) => {
      for (let i = 1; i <= ${ticks}; i++) {
        ctx.log(\`tick \${i}\`);
        await ctx.sleep(1000);
      }
      return "done";
    });
  }
  for (const id of ["bash_1", "bash_2"]) {
    bash({ id, queue: "outage", command: "for i in $(seq 1 ${ticks}); do echo tick $i; sleep 1; done" });
  }
});
`;
const taskIds = ["bash_1", "bash_2", "function_1", "function_2"];

/** The numbers of a log's `tick N` lines, in the order they are in the log. */
function tickNumbers(log: string): number[] {
  return [...log.matchAll(/tick (\d+)\n/g)].map((m) => Number(m[1]));
}

describe.concurrent("a control plane down for two minutes while tasks run", () => {
  for (const signal of ["SIGTERM", "SIGKILL"] as const) {
    it(
      `stopped with ${signal} and started again on the same home: every task succeeds on its first try, its log whole and in order`,
      async ({ expect, onTestFinished }) => {
        const resources = new TestResources();
        onTestFinished(() => resources.cleanup());
        const [port = 0] = await freePorts(1);
        const server = new ServerProcess(resources, {
          home: resources.dir("borda-outage-"),
          port,
          dags: { "ticking.ts": tickingDag },
        });
        await server.start();
        await server.api.dagReady("ticking");
        const token = await server.api.workerToken(`outage-${signal}`, ["outage"]);
        const workers: WorkerProcess[] = ["a", "b"].map((letter) =>
          startWorker(resources, {
            url: server.url,
            token,
            name: `outage-${signal.toLowerCase()}-${letter}`,
            queues: "outage",
            // Two slots each: the four tasks are spread over both workers.
            env: { BORDA_CONCURRENCY: "2" },
          }),
        );
        const diagnostics = () =>
          [server.output(), ...workers.map((w) => `--- ${w.name}\n${w.output()}`)].join("\n");

        await server.api.trigger("ticking", "outage");
        await eventually(
          async () => {
            const instances = await server.api.taskInstances("ticking", "outage");
            if (instances.length !== taskIds.length) return false;
            if (!instances.every((ti) => ti.state === "running")) return false;
            const logs = await Promise.all(
              taskIds.map((taskId) => server.api.log("ticking", "outage", taskId, 1)),
            );
            return logs.every((log) => log.includes("tick 3\n"));
          },
          () => `every task to be running and logging (${diagnostics()})`,
        );

        const stopped = await server.stop(signal);
        // An operator's stop is clean; a crash is a crash.
        expect(stopped, diagnostics()).toEqual(
          signal === "SIGTERM" ? { code: 0, signal: null } : { code: null, signal: "SIGKILL" },
        );
        await new Promise((resolve) => setTimeout(resolve, outageMs));
        await server.start();

        const state = await eventually(
          async () => {
            const runState = await server.api.runState("ticking", "outage");
            return runState === "success" || runState === "failed" ? runState : null;
          },
          () => `the run to finish (${diagnostics()})`,
          (ticks + 60) * 1000,
        );
        const tries = await Promise.all(
          taskIds.map(async (taskId) =>
            (await server.api.tries("ticking", "outage", taskId)).map(
              (t) => `${t.task_id}: try ${t.try_number} ${t.state}`,
            ),
          ),
        );
        expect(tries.flat(), diagnostics()).toEqual(
          taskIds.map((taskId) => `${taskId}: try 1 success`),
        );
        expect(state).toBe("success");
        for (const taskId of taskIds) {
          const log = await server.api.log("ticking", "outage", taskId, 1);
          expect(tickNumbers(log), `${taskId}'s log:\n${log}`).toEqual(
            Array.from({ length: ticks }, (_, i) => i + 1),
          );
        }
      },
      6 * 60_000,
    );
  }
});
