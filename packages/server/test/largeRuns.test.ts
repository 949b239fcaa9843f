import { expect, it } from "vitest";
import { buildJobs } from "../src/edge/buildJobs.js";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";

/** A DAG of `count` independent tasks, declared in a loop as a generated pipeline would. */
const wideDag = (count: number) => `
import { dag } from "borda";
export default dag({ id: "wide", schedule: null, maxActiveTasks: 64 }, ({ task }) => {
  for (let i = 0; i < ${count}; i++) task({ id: \`part_\${i}\` }, () => i);
});
`;

/** One task's 10,000 items, a task mapped over them, one task receiving the 10,000 results. */
const mappedDag = `
import { dag } from "borda";
export default dag({ id: "mapped", schedule: null, maxActiveTasks: 1000 }, ({ task, mappedTask }) => {
  const items = task({ id: "items" }, () => []);
  const each = mappedTask({ id: "each", expand: { item: items } }, (ctx) => ctx.inputs.item);
  task({ id: "collect", inputs: { each } }, (ctx) => ctx.inputs.each.length);
});
`;

describeEachBackend("runs of thousands of tasks", (backend) => {
  it("triggers a run of 10,000 task instances, inserting them within each database's parameter limit", async () => {
    const cp = await startApiWithUsers(backend, { dags: { "wide.ts": wideDag(10_000) } });
    const admin = as(cp, "admin");
    expect(await cp.store.listImportErrors()).toEqual([]);
    const triggered = await admin("POST", "/dags/wide/dagRuns", { dag_run_id: "wide_run" });
    expect(triggered.status).toBe(200);
    const page = await admin("GET", "/dags/wide/dagRuns/wide_run/taskInstances?limit=5");
    expect(page.status).toBe(200);
    expect(page.body.total_entries).toBe(10_000);
  });

  it("completes a run of 2,000 tasks, each attempt's end queueing the next", async () => {
    const cp = await startApiWithUsers(backend, { dags: { "wide.ts": wideDag(2_000) } });
    await cp.scheduler.triggerRun("wide", { runId: "wide_run" });
    // A worker's side, in process: claim what is queued, start it, complete it.
    let completed = 0;
    for (let round = 0; round < 1000 && completed < 2_000; round++) {
      const jobs = await cp.scheduler.attempts.claimJobs({
        workerName: "bulk-worker",
        queues: ["default"],
        freeSlots: 100,
      });
      for (const job of jobs) {
        await cp.scheduler.attempts.startAttempt(job.attemptId);
        await cp.scheduler.attempts.completeAttempt(job.attemptId, { returnValue: completed });
        completed += 1;
      }
    }
    expect(completed).toBe(2_000);
    expect((await cp.store.getDagRun("wide", "wide_run"))?.state).toBe("success");
  });

  it("maps over 10,000 items and completes, the collecting task receiving all of them in order", async () => {
    const cp = await startApiWithUsers(backend, { dags: { "mapped.ts": mappedDag } });
    expect(await cp.store.listImportErrors()).toEqual([]);
    await cp.scheduler.triggerRun("mapped", { runId: "mapped_run" });
    const items = Array.from({ length: 10_000 }, (_, i) => i);
    let mapped = 0;
    let collected: unknown;
    for (let round = 0; round < 1000 && collected === undefined; round++) {
      const claimed = await cp.scheduler.attempts.claimJobs({
        workerName: "bulk-worker",
        queues: ["default"],
        freeSlots: 200,
      });
      const jobs = await buildJobs(cp.store, claimed);
      for (const job of jobs) {
        await cp.scheduler.attempts.startAttempt(job.attemptId);
        const returnValue =
          job.taskId === "items" ? items : job.taskId === "each" ? job.context.inputs.item : null;
        if (job.taskId === "each") mapped += 1;
        if (job.taskId === "collect") collected = job.context.inputs.each;
        await cp.scheduler.attempts.completeAttempt(job.attemptId, { returnValue });
      }
    }
    expect(mapped).toBe(10_000);
    expect(collected).toEqual(items);
    expect((await cp.store.getDagRun("mapped", "mapped_run"))?.state).toBe("success");
    const page = await as(cp, "admin")(
      "GET",
      "/dags/mapped/dagRuns/mapped_run/taskInstances/each/listMapped?limit=1&offset=9999",
    );
    expect(page.body).toMatchObject({
      total_entries: 10_000,
      task_instances: [{ map_index: 9999 }],
    });
  }, 600_000);

  it("queues another DAG's task while a big run waits on its full pool or its DAG's limit", async () => {
    const cp = await startApiWithUsers(backend, {
      dags: {
        "wide.ts": wideDag(1_000).replace("maxActiveTasks: 64", "maxActiveTasks: 3"),
        "narrow.ts": `
import { dag } from "borda";
export const other = dag({ id: "other", schedule: null }, ({ task }) => {
  task({ id: "only", pool: "spare" }, () => 1);
});
export const pooled = dag({ id: "pooled", schedule: null }, ({ task }) => {
  for (let i = 0; i < 1000; i++) task({ id: \`part_\${i}\`, pool: "tiny" }, () => i);
});
`,
      },
    });
    expect(await cp.store.listImportErrors()).toEqual([]);
    for (const [name, slots] of [
      ["tiny", 2],
      ["spare", 5],
    ] as const) {
      await cp.store.savePool({ name, slots, description: "", includeDeferred: false });
    }
    // 1,000 waiting behind maxActiveTasks 3, and 1,000 behind a pool of 2: each far more
    // than one window of queueing candidates, triggered before the small DAG.
    await cp.scheduler.triggerRun("wide", { runId: "wide_run" });
    await cp.scheduler.triggerRun("pooled", { runId: "pooled_run" });
    await cp.scheduler.triggerRun("other", { runId: "other_run" });
    const queued = await cp.store.listTaskInstances({ states: ["queued"] });
    const count = (dagId: string) => queued.filter((ti) => ti.dagId === dagId).length;
    expect([count("wide"), count("pooled"), count("other")]).toEqual([3, 2, 1]);
  });
});
