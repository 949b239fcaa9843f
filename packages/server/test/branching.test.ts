import { expect, it } from "vitest";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";

const branchingDag = `
import { dag } from "borda";
export default dag({ id: "branching", schedule: null }, ({ task, branch, shortCircuit }) => {
  const choose = branch({ id: "choose" }, () => null);
  const fast = task({ id: "fast" }, () => "fast").after(choose);
  const slow = task({ id: "slow" }, () => "slow").after(choose);
  const join = task({ id: "join", triggerRule: "none_failed_min_one_success" }, () => "joined").after(
    fast,
    slow,
  );
  const check = shortCircuit({ id: "check" }, () => false).after(join);
  task({ id: "publish" }, () => "published").after(check);
});
`;

describeEachBackend("branching and short-circuit on a real control plane", (backend) => {
  async function setUp() {
    const cp = await startApiWithUsers(backend, { dags: { "branching.ts": branchingDag } });
    expect(await cp.store.listImportErrors()).toEqual([]);
    const worker = edgeClient(cp, (await newWorkerToken(cp, ["default"])).token);
    await worker.register(["default"]);
    /** Runs every job the run offers, each returning `results[taskId]`. */
    const work = async (results: Record<string, unknown>) => {
      const ran: string[] = [];
      for (let round = 0; round < 20; round++) {
        const { jobs } = (await worker.fetchJobs(0)).body;
        if (jobs.length === 0) break;
        for (const job of jobs) {
          ran.push(job.taskId);
          await worker.report(job.attemptId, "start");
          await worker.report(job.attemptId, "success", { returnValue: results[job.taskId] });
        }
      }
      return ran;
    };
    const states = async (runId: string) => {
      const answer = await as(cp, "admin")("GET", `/dags/branching/dagRuns/${runId}/taskInstances`);
      return Object.fromEntries(
        answer.body.task_instances.map((ti: { task_id: string; state: string }) => [
          ti.task_id,
          ti.state,
        ]),
      );
    };
    return { cp, work, states };
  }

  it("runs only the path the branch chose, joins, and skips what a short-circuit cut", async () => {
    const { cp, work, states } = await setUp();
    await as(cp, "admin")("POST", "/dags/branching/dagRuns", { dag_run_id: "fast_path" });
    const ran = await work({ choose: "fast", check: false });
    expect(ran).toEqual(["choose", "fast", "join", "check"]);
    expect(await states("fast_path")).toEqual({
      choose: "success",
      fast: "success",
      slow: "skipped",
      join: "success",
      check: "success",
      publish: "skipped",
    });
    const run = await as(cp, "admin")("GET", "/dags/branching/dagRuns/fast_path");
    expect(run.body.state).toBe("success");
  });

  it("fails a branch that names a task it cannot follow, saying which it can", async () => {
    const { cp, work, states } = await setUp();
    await as(cp, "admin")("POST", "/dags/branching/dagRuns", { dag_run_id: "wrong" });
    await work({ choose: "publish" });
    expect(await states("wrong")).toMatchObject({ choose: "failed", fast: "upstream_failed" });
    const [attempt] = await cp.store.listAttempts({ taskId: "choose" });
    expect(attempt?.error).toBe(
      "Branch task 'choose' returned 'publish', which is not a direct downstream task of it; it can follow 'fast', 'slow'.",
    );
  });
});
