import type { ControlPlane } from "@borda/server";
import { expect } from "vitest";
import {
  eventually,
  startServer,
  startWorker,
  type TestResources,
  workersRegistered,
  workerToken,
} from "./support.js";

/**
 * A run in which a task fails, the task after it cannot run, a branch skips the way it did
 * not choose, and a task is marked failed by hand: each ends for a reason the views show.
 */
const reasonsDag = `
import { dag } from "borda";

export default dag({ id: "reasons", schedule: null }, ({ task, branch }) => {
  const boom = task({ id: "boom" }, () => { throw new Error("disk full"); });
  task({ id: "after_boom" }, () => 1).after(boom);
  const choose = branch({ id: "choose" }, () => "taken");
  task({ id: "taken" }, () => 1).after(choose);
  task({ id: "not_taken" }, () => 1).after(choose);
});
`;

/** What each task of the finished run says about why it did not succeed. */
export const expectedReasons = {
  boom: "Error: disk full",
  after_boom: "Upstream failed: trigger rule all_success, upstream 'boom' failed.",
  not_taken: "Skipped: branch or short-circuit 'choose' did not follow to this task.",
};

/**
 * A control plane (admin `admin` / `pw`) and a real `borda worker` that have run the
 * `reasons` DAG's run `r1` to its end.
 */
export async function finishedReasonsRun(resources: TestResources): Promise<ControlPlane> {
  const cp = await startServer(
    resources,
    resources.dir("borda-reasons-"),
    { "reasons.ts": reasonsDag },
    { adminUser: "admin", adminPassword: "pw" },
  );
  const worker = startWorker(resources, {
    url: cp.url,
    token: await workerToken(cp, ["default"]),
    name: "reasons-worker",
    queues: "default",
  });
  await workersRegistered(cp, worker);
  await eventually(async () => (await cp.store.getDag("reasons"))?.currentVersion, "the DAG");
  const run = await cp.scheduler.triggerRun("reasons", { runId: "r1" });
  await eventually(async () => {
    const state = (await cp.store.getDagRunById(run.id))?.state;
    return state === "failed" || state === "success";
  }, "the run to end");
  expect((await cp.store.getDagRunById(run.id))?.state).toBe("failed");
  return cp;
}
