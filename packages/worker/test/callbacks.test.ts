import type { CallbackJob } from "@borda/protocol";
import { beforeAll, expect, it } from "vitest";
import { buildBundle, type TestBundle } from "./support/bundles.js";
import { jobFor } from "./support/jobs.js";
import { eventually, useResources } from "./support/resources.js";
import { testWorkers } from "./support/workers.js";

/**
 * Code callbacks on the worker (protocol 1.3): a worker says in each fetch that it runs
 * them, runs each in its bundle's runner with the context and the event, and reports how
 * it ended under its claim id, retrying a report the control plane could not take and
 * dropping one it refuses as stale.
 */

const source = `
import { dag } from "borda";

export default dag(
  { id: "called", onFailure: (ctx) => { console.log("dag callback for", ctx.taskId, ctx.callback.reason); } },
  ({ task }) => {
    task(
      {
        id: "boom",
        onFailure: [
          (ctx) => { console.log("first", ctx.callback.exception.message, ctx.tryNumber); },
          () => { throw new Error("the callback broke"); },
          (ctx) => { console.log("third still runs", ctx.params.region); },
        ],
        onSuccess: (ctx) => { console.log("succeeded", ctx.runId); },
      },
      () => 1,
    );
  },
);
`;

const resources = useResources();
const workers = testWorkers(resources);
let bundle: TestBundle;

beforeAll(async () => {
  bundle = await buildBundle(source);
});

function callbackJob(
  callbackId: string,
  event: "success" | "failure",
  scope: "task" | "dag",
): CallbackJob {
  const job = jobFor(bundle.hash, "called", "boom", { tryNumber: 2, params: { region: "eu" } });
  return {
    callbackId,
    claimId: `claim-${callbackId}`,
    dagId: job.dagId,
    runId: job.runId,
    taskId: job.taskId,
    mapIndex: -1,
    queue: "default",
    bundleHash: bundle.hash,
    timeoutMs: 10_000,
    context: job.context,
    callback: {
      event,
      scope,
      taskState: event === "failure" ? "failed" : "success",
      runState: scope === "dag" ? "failed" : null,
      exception: event === "failure" ? { type: "Error", message: "boom" } : null,
      reason: scope === "dag" ? "task_failure" : null,
    },
  };
}

it("runs each callback it is handed and reports its end and output under the claim id", async () => {
  const server = await workers.controlPlane(bundle);
  await workers.startedWorker(server);
  await eventually(() => server.fetches.length > 0, "a long-poll");
  expect(server.fetches[0]?.callbacks).toBe(true);
  // The first report is refused as a passing fault: it is sent again.
  server.callbackAnswers.push(503);
  server.queueCallback(callbackJob("1", "failure", "task"));
  server.queueCallback(callbackJob("2", "success", "task"));
  server.queueCallback(callbackJob("3", "failure", "dag"));
  await eventually(
    () =>
      server.callbackReports.length === 4 &&
      new Set(server.callbackReports.map((r) => r.callbackId)).size === 3,
    "three callbacks reported, one of them twice",
  );
  const last = (id: string) => server.callbackReports.filter((r) => r.callbackId === id).at(-1);
  expect(last("1")).toMatchObject({ claimId: "claim-1" });
  expect(last("1")?.error).toContain("Error: the callback broke");
  expect(last("1")?.output).toContain("first boom 2\n");
  expect(last("1")?.output).toContain("third still runs eu\n");
  expect(last("2")).toMatchObject({ error: null });
  expect(last("2")?.output).toContain("succeeded manual__1\n");
  expect(last("3")).toMatchObject({ error: null });
  expect(last("3")?.output).toContain("dag callback for boom task_failure\n");
});

it("drops a report the control plane refuses as stale, and keeps serving", async () => {
  const server = await workers.controlPlane(bundle);
  await workers.startedWorker(server);
  server.callbackAnswers.push(409);
  server.queueCallback(callbackJob("7", "success", "task"));
  await eventually(() => server.callbackReports.length === 1, "the callback's report");
  server.queue(jobFor(bundle.hash, "called", "boom"));
  await eventually(() => server.reports.some((r) => r.kind === "success"), "the task to run");
  expect(server.callbackReports).toHaveLength(1);
});
