import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend, describePostgres } from "./support/backends.js";
import { edgeClient, newWorkerToken, startTestControlPlane } from "./support/controlPlane.js";
import { httpReceiver, selfSignedCertificate, smtpReceiver } from "./support/loopbackReceivers.js";

const certificateDir = mkdtempSync(path.join(tmpdir(), "borda-smtp-tls-"));
const certificate = selfSignedCertificate(certificateDir);
afterAll(() => rmSync(certificateDir, { recursive: true, force: true }));

const dags = `
import { dag, emailNotifier, slackNotifier, webhookNotifier } from "borda";

const hook = webhookNotifier({ connId: "hook" });

export const fails = dag(
  { id: "fails", onFailure: [() => {}, hook] },
  ({ task }) => {
    task({ id: "boom", onFailure: [() => {}, hook] }, () => { throw new Error("boom"); });
  },
);

export const retried = dag({ id: "retried" }, ({ task }) => {
  task(
    { id: "flaky", retries: 1, retryDelay: 0, onRetry: [() => {}, hook], onSuccess: hook },
    () => 1,
  );
});

export const timesOut = dag({ id: "times_out" }, ({ task }) => {
  task({ id: "slow", executionTimeout: 0.2, onFailure: hook }, () => new Promise(() => {}));
});

export const unreachable = dag({ id: "unreachable" }, ({ task }) => {
  task({ id: "ok", onSuccess: webhookNotifier({ connId: "down" }) }, () => 1);
});

export const mailed = dag({ id: "mailed" }, ({ task }) => {
  task(
    {
      id: "boom",
      onFailure: [
        emailNotifier({ connId: "tls_mail", to: "ops@example.com" }),
        emailNotifier({ connId: "plain_mail", to: "ops@example.com" }),
      ],
    },
    () => { throw new Error("boom"); },
  );
});

export const chat = dag({ id: "chat" }, ({ task }) => {
  task(
    {
      id: "boom",
      onFailure: [
        slackNotifier({ connId: "slack" }),
        emailNotifier({ connId: "mail", to: ["ops@example.com", "oncall@example.com"] }),
      ],
    },
    () => { throw new Error("boom"); },
  );
});
`;

describeEachBackend("callbacks and notifications", (backend) => {
  async function setUp() {
    const receiver = await httpReceiver(backend, (path) => (path.startsWith("/down") ? 500 : 200));
    const cp = await startApiWithUsers(backend, {
      dags: { "notify.ts": dags },
      config: { notificationRetryDelayMs: 20, heartbeatIntervalMs: 100, workerTimeoutMs: 300 },
    });
    expect(await cp.store.listImportErrors()).toEqual([]);
    const admin = as(cp, "admin");
    for (const [connection_id, host] of [
      ["hook", `${receiver.url}/hook`],
      ["down", `${receiver.url}/down`],
    ] as const) {
      const made = await admin("POST", "/connections", { connection_id, conn_type: "http", host });
      expect(made.status).toBe(200);
    }
    const worker = edgeClient(cp, (await newWorkerToken(cp, ["default"])).token);
    await worker.register(["default"]);
    /** A fetch from a worker that runs callbacks (protocol 1.3). */
    const fetchWork = async () =>
      (
        await worker.call("POST", "/workers/w1/fetch", {
          instanceId: worker.instanceId,
          freeSlots: 4,
          waitMs: 0,
          callbacks: true,
        })
      ).body;
    const trigger = async (dagId: string, runId: string) =>
      expect((await admin("POST", `/dags/${dagId}/dagRuns`, { dag_run_id: runId })).status).toBe(
        200,
      );
    const runJob = async (outcome: "success" | "failure", error = "Error: boom\n    at task") => {
      const [job] = (await worker.fetchJobs(0)).body.jobs;
      await worker.report(job.attemptId, "start");
      await worker.report(job.attemptId, outcome, outcome === "failure" ? { error } : {});
      return job;
    };
    const notifications = async (dagId: string, runId: string) =>
      (await as(cp, "viewer")("GET", `/dags/${dagId}/dagRuns/${runId}/notifications`)).body
        .notifications;
    return { cp, admin, worker, receiver, fetchWork, trigger, runJob, notifications };
  }

  it("a failure runs the task's code callback on a worker of its queue and posts its webhook, with run, task, try and error", async () => {
    const { worker, receiver, fetchWork, trigger, runJob, notifications } = await setUp();
    await trigger("fails", "r1");
    await runJob("failure");

    const posted = await vi.waitFor(() => {
      const found = receiver.received.filter((r) => r.body.scope === "task");
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(posted).toMatchObject({
      method: "POST",
      path: "/hook",
      body: {
        dag_id: "fails",
        run_id: "r1",
        task_id: "boom",
        try_number: 1,
        event: "failure",
        state: "failed",
        error: "Error: boom",
        exception: { type: "Error", message: "boom" },
      },
    });
    expect(posted?.body.link).toMatch(/\/dags\/fails\/runs\/r1$/);

    // A worker that does not say it runs callbacks (an older one) is never handed one.
    expect((await worker.fetchJobs(0)).body.callbacks).toBeUndefined();
    const { callbacks } = await fetchWork();
    expect(callbacks).toHaveLength(2);
    const taskCallback = callbacks.find(
      (c: { callback: { scope: string } }) => c.callback.scope === "task",
    );
    expect(taskCallback).toMatchObject({
      dagId: "fails",
      runId: "r1",
      taskId: "boom",
      queue: "default",
      context: { runId: "r1", taskId: "boom", tryNumber: 1 },
      callback: { event: "failure", exception: { type: "Error", message: "boom" } },
    });
    const dagCallback = callbacks.find(
      (c: { callback: { scope: string } }) => c.callback.scope === "dag",
    );
    expect(dagCallback).toMatchObject({
      taskId: "boom",
      callback: { event: "failure", runState: "failed", reason: "task_failure" },
    });
    // While it runs, a callback reads what its task may: connections in its queue's scope
    // and its run's XComs, under its claim id.
    const read = (claimId: string) =>
      worker.call("POST", `/workers/w1/attempts/${claimId}/connection`, { connId: "hook" });
    const connection = await read(taskCallback.claimId);
    expect(connection.status).toBe(200);
    expect(connection.body).toMatchObject({ connId: "hook", host: `${receiver.url}/hook` });
    const pulled = await worker.call(
      "POST",
      `/workers/w1/attempts/${dagCallback.claimId}/xcoms`,
      {},
    );
    expect(pulled.status).toBe(200);
    const report = (callback: { callbackId: string; claimId: string }, error: string | null) =>
      worker.call("POST", `/workers/w1/callbacks/${callback.callbackId}/result`, {
        claimId: callback.claimId,
        error,
        output: "called back\n",
      });
    expect((await report(taskCallback, null)).status).toBe(200);
    expect((await report(dagCallback, "Error: callback broke")).status).toBe(200);
    // Finished: a second report (a resend, another claim) is refused and nothing runs again;
    // nor may it read any more.
    expect((await report(taskCallback, null)).body.code).toBe("stale_attempt");
    expect((await read(taskCallback.claimId)).body.code).toBe("stale_attempt");
    expect((await fetchWork()).callbacks).toBeUndefined();

    await vi.waitFor(async () => {
      const shown = await notifications("fails", "r1");
      expect(
        shown.map((n: Record<string, unknown>) => [n.scope, n.target, n.conn_id, n.state]),
      ).toEqual([
        ["task", "webhook", "hook", "delivered"],
        ["task", "code", null, "delivered"],
        ["dag", "webhook", "hook", "delivered"],
        ["dag", "code", null, "failed"],
      ]);
      expect(shown[1]).toMatchObject({ output: "called back\n", worker: "w1" });
      expect(shown[3]).toMatchObject({ last_error: "Error: callback broke" });
    });
  });

  it("on_retry fires on a retried try and on_success on the success after it", async () => {
    const { receiver, fetchWork, trigger, runJob } = await setUp();
    await trigger("retried", "r1");
    await runJob("failure", "Traceback (most recent call last):\n  File x\nValueError: flaky");
    await runJob("success");
    await vi.waitFor(() => expect(receiver.received).toHaveLength(2));
    const events = receiver.received.map((r) => [r.body.event, r.body.try_number, r.body.state]);
    expect(events).toEqual(
      expect.arrayContaining([
        ["retry", 1, "up_for_retry"],
        ["success", 2, "success"],
      ]),
    );
    const retry = receiver.received.find((r) => r.body.event === "retry");
    expect(retry?.body.exception).toEqual({ type: "ValueError", message: "flaky" });
    const { callbacks } = await fetchWork();
    expect(callbacks.map((c: { callback: { event: string } }) => c.callback.event)).toEqual([
      "retry",
    ]);
  });

  it("an execution timeout decided by the control plane still fires the failure notification", async () => {
    const { receiver, trigger, worker } = await setUp();
    await trigger("times_out", "r1");
    const [job] = (await worker.fetchJobs(0)).body.jobs;
    await worker.report(job.attemptId, "start");
    // The worker keeps heartbeating but never reports: the control plane's deadline ends it.
    const posted = await vi.waitFor(
      async () => {
        await worker.heartbeat([job.attemptId], "running");
        expect(receiver.received).toHaveLength(1);
        return receiver.received[0];
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(posted?.body).toMatchObject({
      task_id: "slow",
      event: "failure",
      state: "failed",
      exception: { type: "AirflowTaskTimeout" },
    });
  });

  it("a worker lost with the attempt still fires the failure notification", async () => {
    const { receiver, trigger, worker } = await setUp();
    await trigger("fails", "r1");
    const [job] = (await worker.fetchJobs(0)).body.jobs;
    await worker.report(job.attemptId, "start");
    // The worker goes silent: its lease lapses and the control plane fails the attempt.
    const posted = await vi.waitFor(
      () => {
        const found = receiver.received.find((r) => r.body.scope === "task");
        expect(found).toBeDefined();
        return found;
      },
      { timeout: 10_000 },
    );
    expect(posted?.body).toMatchObject({
      task_id: "boom",
      event: "failure",
      exception: { type: "WorkerLost" },
    });
    expect(posted?.body.exception.message).toContain("stopped heartbeating");
  });

  it("retries a notifier whose server answers 500, then records it failed, and the run stays successful", async () => {
    const { admin, receiver, trigger, runJob, notifications } = await setUp();
    await trigger("unreachable", "r1");
    await runJob("success");
    const [failed] = await vi.waitFor(async () => {
      const shown = await notifications("unreachable", "r1");
      expect(shown[0]?.state).toBe("failed");
      return shown;
    });
    expect(failed).toMatchObject({
      target: "webhook",
      conn_id: "down",
      tries: 4,
      last_error: "the webhook of connection 'down' answered HTTP 500.",
    });
    expect(receiver.received.filter((r) => r.path === "/down")).toHaveLength(4);
    expect((await admin("GET", "/dags/unreachable/dagRuns/r1")).body.state).toBe("success");
    const logged = await admin("GET", "/eventLogs?event=notification.failed");
    expect(
      logged.body.event_logs.map((e: Record<string, unknown>) => [e.dag_id, e.run_id, e.task_id]),
    ).toEqual([["unreachable", "r1", "ok"]]);
  });

  it("posts Slack's message format and mails through SMTP, keeping the connections' secrets out of answers", async () => {
    const { admin, receiver, trigger, runJob, notifications } = await setUp();
    const smtp = await smtpReceiver(backend);
    await admin("POST", "/connections", {
      connection_id: "slack",
      conn_type: "slackwebhook",
      host: `${receiver.url}/services`,
      password: "T000/B000/secret-token",
    });
    await admin("POST", "/connections", {
      connection_id: "mail",
      conn_type: "smtp",
      host: "127.0.0.1",
      port: smtp.port,
      login: "borda@example.com",
      password: "smtp-secret",
      extra: JSON.stringify({ allow_plain_auth: true }),
    });
    await trigger("chat", "r1");
    await runJob("failure");
    await vi.waitFor(() => expect(smtp.mails).toHaveLength(1));
    const slack = await vi.waitFor(() => {
      const found = receiver.received.find((r) => r.path === "/services/T000/B000/secret-token");
      expect(found).toBeDefined();
      return found;
    });
    expect(Object.keys(slack?.body)).toEqual(["text"]);
    expect(slack?.body.text).toMatch(
      /^Task chat\.boom failed \(run r1, try 1\): Error: boom <http:\/\/.+\/dags\/chat\/runs\/r1\|View the run>$/,
    );
    const [mail] = smtp.mails;
    expect(mail?.from).toBe("borda@example.com");
    expect(mail?.to).toEqual(["ops@example.com", "oncall@example.com"]);
    expect(mail?.auth).toEqual({ login: "borda@example.com", password: "smtp-secret" });
    expect(mail?.data).toContain("Subject: [Borda] Task chat.boom failed (run r1, try 1)");
    expect(mail?.data).toContain("Error: Error: boom");
    const shown = await vi.waitFor(async () => {
      const found = await notifications("chat", "r1");
      expect(found.map((n: { state: string }) => n.state)).toEqual(["delivered", "delivered"]);
      return found;
    });
    const answer = JSON.stringify(shown);
    expect(answer).not.toContain("secret-token");
    expect(answer).not.toContain("smtp-secret");
  });

  it.skipIf(certificate === null)(
    "mails over STARTTLS when the server offers it, and never sends a password in clear",
    async () => {
      const { admin, trigger, runJob, notifications } = await setUp();
      const secure = await smtpReceiver(backend, certificate ? { tls: certificate } : {});
      const plain = await smtpReceiver(backend);
      for (const [connection_id, port] of [
        ["tls_mail", secure.port],
        ["plain_mail", plain.port],
      ] as const) {
        await admin("POST", "/connections", {
          connection_id,
          conn_type: "smtp",
          host: "127.0.0.1",
          port,
          login: "borda@example.com",
          password: "smtp-secret",
          extra: JSON.stringify({ verify: false }),
        });
      }
      await trigger("mailed", "r1");
      await runJob("failure");
      await vi.waitFor(() => expect(secure.mails).toHaveLength(1));
      expect(secure.mails[0]).toMatchObject({
        tls: true,
        auth: { login: "borda@example.com", password: "smtp-secret" },
      });
      const refused = await vi.waitFor(async () => {
        const found = (await notifications("mailed", "r1")).find(
          (n: { conn_id: string }) => n.conn_id === "plain_mail",
        );
        expect(found?.state).toBe("failed");
        return found;
      });
      expect(refused.last_error).toContain("Borda does not send a password in clear");
      expect(plain.mails).toEqual([]);
    },
  );

  it("answers 404 for an unknown run and 401 without credentials", async () => {
    const { cp } = await setUp();
    expect((await as(cp, null)("GET", "/dags/fails/dagRuns/nope/notifications")).status).toBe(401);
    const missing = await as(cp, "viewer")("GET", "/dags/fails/dagRuns/nope/notifications");
    expect(missing.status).toBe(404);
  });
});

describePostgres("notifications with two replicas on one database", (backend) => {
  it("each notification is claimed and sent by one replica", async () => {
    const receiver = await httpReceiver(backend);
    const fanOut = `
import { dag, webhookNotifier } from "borda";
export default dag({ id: "many" }, ({ task }) => {
  for (let i = 0; i < 30; i++) {
    task({ id: "t" + i, onSuccess: webhookNotifier({ connId: "hook" }) }, () => i);
  }
});`;
    const first = await startApiWithUsers(backend, { dags: { "many.ts": fanOut } });
    const second = await startTestControlPlane(backend, { replicaOf: first });
    await as(first, "admin")("POST", "/connections", {
      connection_id: "hook",
      conn_type: "http",
      host: `${receiver.url}/hook`,
    });
    const worker = edgeClient(first, (await newWorkerToken(first, ["default"])).token);
    await worker.register(["default"]);
    await as(first, "admin")("POST", "/dags/many/dagRuns", { dag_run_id: "r1" });
    let done = 0;
    while (done < 30) {
      const { jobs } = (await worker.fetchJobs(0, 10)).body;
      for (const job of jobs) {
        await worker.report(job.attemptId, "start");
        await worker.report(job.attemptId, "success");
        // Both replicas' delivery loops look for work as the successes land.
        second.notifications.wake();
        done += 1;
      }
    }
    await vi.waitFor(() => expect(receiver.received).toHaveLength(30), { timeout: 20_000 });
    const taskIds = receiver.received.map((r) => r.body.task_id);
    expect(new Set(taskIds).size).toBe(30);
    // Nothing more arrives: no delivery was claimed by both replicas.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received).toHaveLength(30);
  });
});
