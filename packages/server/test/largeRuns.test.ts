import { expect, it } from "vitest";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";

/** A DAG of `count` independent tasks, declared in a loop as a generated pipeline would. */
const wideDag = (count: number) => `
import { dag } from "borda";
export default dag({ id: "wide", schedule: null }, ({ task }) => {
  for (let i = 0; i < ${count}; i++) task({ id: \`part_\${i}\` }, () => i);
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
});
