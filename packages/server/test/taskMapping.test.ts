import type { Job } from "@borda/protocol";
import { expect, it } from "vitest";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";

const mappingDag = `
import { dag } from "borda";
export default dag({ id: "mapping", schedule: null }, ({ task, mappedTask }) => {
  const numbers = task({ id: "numbers" }, () => [1, 2, 3]);
  const factor = task({ id: "factor" }, () => 10);
  const scaled = mappedTask(
    { id: "scaled", expand: { n: numbers }, inputs: { factor }, maxActiveTisPerDagrun: 2 },
    (ctx) => ctx.inputs.n * ctx.inputs.factor,
  );
  task({ id: "total", inputs: { scaled } }, (ctx) => ctx.inputs.scaled.length);
  mappedTask({ id: "pairs", expand: { a: [1, 2], b: ["x", "y"] } }, (ctx) => ctx.inputs.a + ctx.inputs.b);
  mappedTask({ id: "calls", expandKwargs: [{ host: "a" }, { host: "b", port: 2 }] }, (ctx) => ctx.inputs.host);
});
`;

/** The jobs of one task, by map index (a fetch hands out sibling map indexes in any order). */
const ofTask = (jobs: readonly Job[], taskId: string) =>
  jobs.filter((job) => job.taskId === taskId).sort((a, b) => a.mapIndex - b.mapIndex);

describeEachBackend("dynamic task mapping on a real control plane", (backend) => {
  async function setUp() {
    const cp = await startApiWithUsers(backend, { dags: { "mapping.ts": mappingDag } });
    expect(await cp.store.listImportErrors()).toEqual([]);
    const worker = edgeClient(cp, (await newWorkerToken(cp, ["default"])).token);
    await worker.register(["default"]);
    const admin = as(cp, "admin");
    /**
     * Runs every job the run offers, in fetches of `slots`, each returning what `result`
     * says; answers the jobs in the order they ran and the largest fetch of `taskId`.
     */
    const work = async (result: (job: Job) => unknown, slots = 50) => {
      const ran: Job[] = [];
      let widest = new Map<string, number>();
      for (let round = 0; round < 50; round++) {
        const { jobs } = (await worker.fetchJobs(0, slots)).body as { jobs: Job[] };
        if (jobs.length === 0) break;
        const counts = new Map<string, number>();
        for (const job of jobs) counts.set(job.taskId, (counts.get(job.taskId) ?? 0) + 1);
        widest = new Map(
          [...new Set([...widest.keys(), ...counts.keys()])].map((id) => [
            id,
            Math.max(widest.get(id) ?? 0, counts.get(id) ?? 0),
          ]),
        );
        for (const job of jobs) {
          ran.push(job);
          await worker.report(job.attemptId, "start");
          await worker.report(job.attemptId, "success", { returnValue: result(job) });
        }
      }
      return { ran, widest };
    };
    const instances = async (runId: string, taskId: string) => {
      const answer = await admin(
        "GET",
        `/dags/mapping/dagRuns/${runId}/taskInstances/${taskId}/listMapped`,
      );
      return answer.body.task_instances.map((ti: { map_index: number; state: string }) => [
        ti.map_index,
        ti.state,
      ]);
    };
    return { cp, admin, worker, work, instances };
  }

  it("maps over an upstream list, gives each map index its item, and the results in order downstream", async () => {
    const { admin, work, instances } = await setUp();
    await admin("POST", "/dags/mapping/dagRuns", { dag_run_id: "r1" });
    const { ran, widest } = await work((job) => {
      const inputs = job.context.inputs as Record<string, number>;
      if (job.taskId === "numbers") return [1, 2, 3];
      if (job.taskId === "factor") return 10;
      if (job.taskId === "scaled") return (inputs.n ?? 0) * (inputs.factor ?? 0);
      return job.context.inputs;
    });
    const scaled = ofTask(ran, "scaled");
    expect(scaled.map((job) => [job.mapIndex, job.context.mapIndex, job.context.inputs])).toEqual([
      [0, 0, { factor: 10, n: 1 }],
      [1, 1, { factor: 10, n: 2 }],
      [2, 2, { factor: 10, n: 3 }],
    ]);
    // maxActiveTisPerDagrun: 2 of its map indexes at once, though 50 slots were free.
    expect(widest.get("scaled")).toBe(2);
    const total = ran.find((job) => job.taskId === "total");
    expect(total?.context.inputs).toEqual({ scaled: [10, 20, 30] });
    expect(total?.context.upstream).toEqual({ scaled: [10, 20, 30] });
    expect(await instances("r1", "scaled")).toEqual([
      [0, "success"],
      [1, "success"],
      [2, "success"],
    ]);
    const pairs = ofTask(ran, "pairs").map((job) => job.context.inputs);
    expect(pairs).toEqual([
      { a: 1, b: "x" },
      { a: 1, b: "y" },
      { a: 2, b: "x" },
      { a: 2, b: "y" },
    ]);
    const calls = ofTask(ran, "calls").map((job) => job.context.inputs);
    expect(calls).toEqual([{ host: "a" }, { host: "b", port: 2 }]);
    expect((await admin("GET", "/dags/mapping/dagRuns/r1")).body.state).toBe("success");
    const xcom = await admin(
      "GET",
      "/dags/mapping/dagRuns/r1/taskInstances/scaled/xcomEntries/return_value?map_index=1",
    );
    expect(xcom.body.value).toBe("20");
  });

  it("skips a task mapped over an empty list, and what needs it", async () => {
    const { admin, work, instances } = await setUp();
    await admin("POST", "/dags/mapping/dagRuns", { dag_run_id: "empty" });
    const { ran } = await work((job) => (job.taskId === "numbers" ? [] : 1));
    expect(ran.some((job) => job.taskId === "scaled" || job.taskId === "total")).toBe(false);
    expect(await instances("empty", "scaled")).toEqual([[-1, "skipped"]]);
    const total = await admin("GET", "/dags/mapping/dagRuns/empty/taskInstances/total");
    expect(total.body.state).toBe("skipped");
  });

  it("fails the task whose result cannot be mapped over, saying why", async () => {
    const { cp, admin, work } = await setUp();
    await admin("POST", "/dags/mapping/dagRuns", { dag_run_id: "bad" });
    await work((job) => (job.taskId === "numbers" ? 5 : 1));
    const [attempt] = await cp.store.listAttempts({ taskId: "numbers" });
    expect(attempt?.error).toBe(
      "Task 'numbers' returned 5; it feeds the mapping of task 'scaled', which needs a list (or an object, mapped as [key, value] pairs).",
    );
    const scaled = await admin("GET", "/dags/mapping/dagRuns/bad/taskInstances/scaled");
    expect(scaled.body.state).toBe("upstream_failed");
  });

  it("maps again after a clear, removing the map indexes a shorter list no longer has", async () => {
    const { admin, work, instances } = await setUp();
    await admin("POST", "/dags/mapping/dagRuns", { dag_run_id: "again" });
    await work((job) => (job.taskId === "numbers" ? [1, 2, 3] : 1));
    await admin("POST", "/dags/mapping/clearTaskInstances", {
      dag_run_id: "again",
      task_ids: ["numbers"],
      include_downstream: true,
      only_failed: false,
      dry_run: false,
    });
    const { ran } = await work((job) => (job.taskId === "numbers" ? ["only"] : 1));
    expect(ran.filter((job) => job.taskId === "scaled").map((job) => job.mapIndex)).toEqual([0]);
    expect(await instances("again", "scaled")).toEqual([
      [0, "success"],
      [1, "removed"],
      [2, "removed"],
    ]);
    const total = ran.find((job) => job.taskId === "total");
    expect(total?.context.inputs).toEqual({ scaled: [1] });
  });

  it("clears one map index named as a [task_id, map_index] pair: it alone runs again, over its own item", async () => {
    const { admin, worker, work, instances } = await setUp();
    await admin("POST", "/dags/mapping/dagRuns", { dag_run_id: "one" });
    await work((job) => (job.taskId === "numbers" ? [1, 2, 3] : 1));
    const clear = (body: Record<string, unknown>) =>
      admin("POST", "/dags/mapping/clearTaskInstances", {
        dag_run_id: "one",
        task_ids: [["scaled", 1]],
        only_failed: false,
        ...body,
      });
    const dry = await clear({ dry_run: true });
    expect(dry.body.task_instances).toMatchObject([{ task_id: "scaled", dag_run_id: "one" }]);
    expect(await instances("one", "scaled")).toEqual([
      [0, "success"],
      [1, "success"],
      [2, "success"],
    ]);
    expect((await clear({ dry_run: false })).status).toBe(200);
    expect(await instances("one", "scaled")).toEqual([
      [0, "success"],
      [1, "queued"],
      [2, "success"],
    ]);
    const { jobs } = (await worker.fetchJobs(0)).body as { jobs: Job[] };
    expect(jobs.map((job) => [job.taskId, job.mapIndex, job.context.inputs])).toEqual([
      ["scaled", 1, { factor: 1, n: 2 }],
    ]);
    const [again] = jobs as [Job];
    await worker.report(again.attemptId, "start");
    // A worker that rendered the task's map_index_template reports it with the success.
    await worker.report(again.attemptId, "success", { returnValue: 2, renderedMapIndex: "two" });
    expect(await instances("one", "scaled")).toEqual([
      [0, "success"],
      [1, "success"],
      [2, "success"],
    ]);
    const named = await admin("GET", "/dags/mapping/dagRuns/one/taskInstances/scaled/1");
    expect(named.body).toMatchObject({ map_index: 1, rendered_map_index: "two" });
    // A malformed pair is refused, saying what is wrong.
    const bad = await clear({ dry_run: true, task_ids: [["scaled", -1]] });
    expect(bad.status).toBe(400);
  });

  it("marks one map index by hand and answers it, its tries and its errors by path", async () => {
    const { admin, work, instances } = await setUp();
    await admin("POST", "/dags/mapping/dagRuns", { dag_run_id: "partial" });
    await work((job) => (job.taskId === "numbers" ? [1, 2, 3] : 1));
    const mark = await admin("PATCH", "/dags/mapping/dagRuns/partial/taskInstances/scaled/1", {
      new_state: "failed",
      dry_run: false,
    });
    expect(mark.status).toBe(200);
    expect(await instances("partial", "scaled")).toEqual([
      [0, "success"],
      [1, "failed"],
      [2, "success"],
    ]);
    const one = await admin("GET", "/dags/mapping/dagRuns/partial/taskInstances/scaled/1");
    expect(one.body).toMatchObject({ task_id: "scaled", map_index: 1, state: "failed" });
    const unmapped = await admin("GET", "/dags/mapping/dagRuns/partial/taskInstances/scaled");
    expect(unmapped.status).toBe(404);
    expect(unmapped.body.detail).toContain("is mapped: add the map index to the path");
    const missing = await admin("GET", "/dags/mapping/dagRuns/partial/taskInstances/scaled/7");
    expect(missing.status).toBe(404);
    const tries = await admin("GET", "/dags/mapping/dagRuns/partial/taskInstances/scaled/2/tries");
    expect(tries.body.task_instances).toMatchObject([{ map_index: 2, try_number: 1 }]);
    // The leaf (total) succeeded before the mark, so the run stays a success, as in Airflow.
    expect((await admin("GET", "/dags/mapping/dagRuns/partial")).body.state).toBe("success");
  });
});
