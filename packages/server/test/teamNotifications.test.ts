import { expect, it, vi } from "vitest";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";
import { httpReceiver } from "./support/loopbackReceivers.js";

const dags = `
import { dag, webhookNotifier } from "borda";

export const report = dag({ id: "sales_report" }, ({ task }) => {
  task({ id: "load", queue: "sales_q", onSuccess: webhookNotifier({ connId: "hook" }) }, () => 1);
});
`;

describeEachBackend("teams: notifications", (backend) => {
  it("posts a team DAG's notification only through its own team's connection", async () => {
    const receiver = await httpReceiver(backend);
    const cp = await startApiWithUsers(backend, {
      dags: { "sales/report.ts": dags },
      config: { notificationRetryDelayMs: 20 },
    });
    const admin = as(cp, "admin");
    expect((await admin("POST", "/teams", { name: "sales", queues: ["sales_*"] })).status).toBe(
      200,
    );
    expect((await cp.store.getDag("sales_report"))?.team).toBe("sales");
    // A connection of the same name, but the default team's.
    const hook = { connection_id: "hook", conn_type: "http", host: `${receiver.url}/hook` };
    expect((await admin("POST", "/connections", hook)).status).toBe(200);
    const worker = edgeClient(cp, (await newWorkerToken(cp, ["sales_*"], "sales")).token);
    await worker.register(["sales_q"]);
    const runOnce = async (runId: string) => {
      await admin("PATCH", "/dags/sales_report", { is_paused: false });
      expect(
        (await admin("POST", "/dags/sales_report/dagRuns", { dag_run_id: runId })).status,
      ).toBe(200);
      const [job] = (await worker.fetchJobs(0)).body.jobs;
      await worker.report(job.attemptId, "start");
      await worker.report(job.attemptId, "success", {});
      return vi.waitFor(async () => {
        const [shown] = (await admin("GET", `/dags/sales_report/dagRuns/${runId}/notifications`))
          .body.notifications;
        expect(["delivered", "failed"]).toContain(shown?.state);
        return shown;
      });
    };

    const refused = await runOnce("r1");
    expect(refused).toMatchObject({
      state: "failed",
      last_error: "Connection 'hook' does not exist.",
    });
    expect(receiver.received).toEqual([]);

    // Moved into the team (an Admin is Op in both), the same connection serves it.
    expect((await admin("PATCH", "/connections/hook", { ...hook, team: "sales" })).status).toBe(
      200,
    );
    expect((await runOnce("r2")).state).toBe("delivered");
    expect(receiver.received.map((r) => r.path)).toEqual(["/hook"]);
  });
});
