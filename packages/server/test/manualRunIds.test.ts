import { expect, it } from "vitest";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { ManualClock } from "./support/harness.js";

const dags = {
  "ping.ts": `
import { dag } from "borda";
export default dag({ id: "ping" }, ({ task }) => { task({ id: "only" }, () => 1); });`,
};

describeEachBackend("manual run ids", (backend) => {
  it("accepts ten triggers with empty bodies in the same millisecond, each its own run", async () => {
    // A clock that stands still: every trigger happens at the same instant.
    const clock = new ManualClock("2026-03-01T12:00:00.250Z");
    const cp = await startApiWithUsers(backend, { dags, clock });
    const user = as(cp, "user");
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await user("POST", "/dags/ping/dagRuns", {}));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const ids = answers.map((a) => a.body.dag_run_id);
    expect(new Set(ids).size).toBe(10);
    // Airflow's form: the trigger instant with microseconds, which is the logical date.
    expect(ids[0]).toBe("manual__2026-03-01T12:00:00.250000+00:00");
    for (const answer of answers) {
      const instant = answer.body.dag_run_id.replace(/^manual__/, "");
      expect(new Date(answer.body.logical_date).getTime()).toBe(new Date(instant).getTime());
    }
  });

  it("still refuses a run id or logical date the caller chose twice", async () => {
    const cp = await startApiWithUsers(backend, { dags });
    const user = as(cp, "user");
    expect((await user("POST", "/dags/ping/dagRuns", { dag_run_id: "mine" })).status).toBe(200);
    expect((await user("POST", "/dags/ping/dagRuns", { dag_run_id: "mine" })).status).toBe(409);
    const logical = { logical_date: "2026-01-01T00:00:00+00:00" };
    expect((await user("POST", "/dags/ping/dagRuns", logical)).status).toBe(200);
    expect((await user("POST", "/dags/ping/dagRuns", logical)).status).toBe(409);
  });
});
