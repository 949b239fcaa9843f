import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { describeEachBackend } from "../../server/test/support/backends.js";
import { httpReceiver, type ReceivedRequest } from "../../server/test/support/loopbackReceivers.js";
import { airflowPython } from "./fixtures/airflow/airflowPython.js";
import {
  eventually,
  startServer,
  startWorker,
  TestResources,
  workersRegistered,
  workerToken,
} from "./support.js";

/**
 * Callbacks and notifications end to end (docs/notifications.md): a real control plane on
 * each backend, a real `borda worker` process running the callbacks of TypeScript,
 * Borda-Python and Airflow-style DAG files, and a loopback HTTP server that receives both
 * what the callbacks post themselves (to a connection's URL, or the Airflow-style file's
 * conf.callback_url) and what the control plane's webhook and Slack notifiers send.
 */

const { python, skip: pythonSkip } = airflowPython();

const tsDags = `
import { dag, webhookNotifier } from "borda";

// Where to post is a connection: a callback reads what its task may.
const post = async (ctx) => {
  await fetch((await ctx.connection("callback_target")).host, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      from: "ts",
      dagId: ctx.dagId,
      runId: ctx.runId,
      taskId: ctx.taskId,
      tryNumber: ctx.tryNumber,
      callback: ctx.callback,
    }),
  });
};

export const fails = dag({ id: "e2e_fails", onFailure: post }, ({ task }) => {
  task(
    {
      id: "boom",
      retries: 1,
      retryDelay: 0,
      onRetry: post,
      onFailure: [post, webhookNotifier({ connId: "hook" })],
    },
    () => { throw new Error("boom"); },
  );
});

export const slow = dag({ id: "e2e_timeout" }, ({ task }) => {
  task({ id: "slow", executionTimeout: 0.3, onFailure: post }, (ctx) => ctx.sleep(60_000));
});

export const fine = dag({ id: "e2e_success", onSuccess: post }, ({ task }) => {
  task({ id: "fine", onSuccess: post }, () => 1);
});
`;

const pyDags = `
import json
import urllib.request

from borda import dag, task, webhook_notifier


def post(ctx):
    body = {
        "from": "py",
        "dagId": ctx.dag_id,
        "runId": ctx.run_id,
        "taskId": ctx.task_id,
        "tryNumber": ctx.try_number,
        "callback": {"event": ctx.callback.event, "scope": ctx.callback.scope,
                     "exception": ctx.callback.exception},
    }
    target = ctx.connection("callback_target").host
    request = urllib.request.Request(target, data=json.dumps(body).encode(),
                                     headers={"content-type": "application/json"})
    urllib.request.urlopen(request, timeout=10).close()


@dag(dag_id="e2e_py", on_failure=post)
def e2e_py():
    @task(on_failure=[post, webhook_notifier("hook")])
    def boom(ctx):
        raise ValueError("py boom")

    boom()
`;

const airflowCorpusFile = readFileSync(
  fileURLToPath(new URL("./fixtures/airflow/callbacks.py", import.meta.url)),
  "utf8",
);

describeEachBackend("callbacks and notifiers with a real worker", (backend) => {
  async function setUp(withPython: boolean) {
    // Opened first: cleanups run in reverse, so the control plane stops before its
    // database is dropped.
    const opened = await backend.open({ dagsPausedAtCreation: false });
    await opened.store.close();
    const resources = new TestResources();
    backend.onCleanup(() => resources.cleanup());
    const receiver = await httpReceiver(backend);
    const dags: Record<string, string> = { "e2e.ts": tsDags };
    if (withPython) {
      dags["e2e_py.py"] = pyDags;
      dags["callbacks.py"] = airflowCorpusFile;
    }
    const cp = await startServer(resources, opened.home, dags, {
      databaseUrl: opened.databaseUrl,
      ...(python ? { python } : {}),
    });
    expect(await cp.store.listImportErrors()).toEqual([]);
    for (const [connId, connType, host, password] of [
      ["hook", "http", `${receiver.url}/hook`, null],
      ["corpus_slack", "slackwebhook", `${receiver.url}/slack`, "T0/B0/corpus"],
      ["callback_target", "http", `${receiver.url}/cb`, null],
    ] as const) {
      await cp.credentials.createConnection({
        connId,
        connType,
        description: null,
        host,
        port: null,
        login: null,
        password,
        schema: null,
        extra: null,
        queues: null,
      });
    }
    const worker = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["default"]),
      name: "callback-worker",
      queues: "default",
      env: { BORDA_PYTHON: python ?? "python3" },
    });
    await workersRegistered(cp, worker);
    const trigger = (dagId: string) =>
      cp.scheduler.triggerRun(dagId, { runId: "r1", conf: { callback_url: `${receiver.url}/cb` } });
    /** Waits for `count` requests matching `match`, saying what arrived on a timeout. */
    const received = (match: (r: ReceivedRequest) => boolean, count: number) =>
      eventually(
        async () => {
          const found = receiver.received.filter(match);
          return found.length >= count ? found : null;
        },
        () =>
          `${count} matching requests; got ${JSON.stringify(receiver.received)}\n${worker.output()}`,
      );
    return { cp, receiver, trigger, received };
  }

  it("a TypeScript task's retry and failure run its code callbacks on the worker, the DAG's too, and its webhook posts", async () => {
    const { cp, trigger, received } = await setUp(false);
    await trigger("e2e_fails");
    const posts = await received((r) => r.path === "/cb" && r.body.dagId === "e2e_fails", 3);
    const seen = posts.map((p) => [p.body.callback.scope, p.body.callback.event, p.body.tryNumber]);
    expect(seen.sort()).toEqual([
      ["dag", "failure", 2],
      ["task", "failure", 2],
      ["task", "retry", 1],
    ]);
    for (const post of posts) {
      expect(post.body).toMatchObject({ from: "ts", runId: "r1", taskId: "boom" });
      expect(post.body.callback.exception).toEqual({ type: "Error", message: "boom" });
    }
    const [hook] = await received((r) => r.path === "/hook", 1);
    expect(hook?.body).toMatchObject({
      dag_id: "e2e_fails",
      run_id: "r1",
      task_id: "boom",
      try_number: 2,
      error: "Error: boom",
    });
    const run = await cp.store.getDagRun("e2e_fails", "r1");
    expect(run?.state).toBe("failed");
    await eventually(async () => {
      const deliveries = await cp.store.listDeliveries(run?.id ?? 0);
      return deliveries.length === 4 && deliveries.every((d) => d.state === "delivered");
    }, "every delivery of e2e_fails to be delivered");
  });

  it("a task stopped at its execution timeout still fires its failure callback; a success fires on_success", async () => {
    const { trigger, received } = await setUp(false);
    await trigger("e2e_timeout");
    await trigger("e2e_success");
    const [timedOut] = await received((r) => r.body.dagId === "e2e_timeout", 1);
    expect(timedOut?.body.callback).toMatchObject({
      event: "failure",
      exception: { type: "AirflowTaskTimeout" },
    });
    const succeeded = await received((r) => r.body.dagId === "e2e_success", 2);
    expect(succeeded.map((p) => [p.body.callback.scope, p.body.callback.event]).sort()).toEqual([
      ["dag", "success"],
      ["task", "success"],
    ]);
  });

  it.skipIf(pythonSkip !== null)(
    "Borda-Python and Airflow-style callbacks run in the worker's Python runner; Airflow's Slack notifier is sent by the control plane",
    async () => {
      const { trigger, received } = await setUp(true);
      await trigger("e2e_py");
      const py = await received((r) => r.body.from === "py", 2);
      expect(py.map((p) => p.body.callback.scope).sort()).toEqual(["dag", "task"]);
      expect(py[0]?.body.callback.exception).toEqual({ type: "ValueError", message: "py boom" });
      await received((r) => r.path === "/hook" && r.body.dag_id === "e2e_py", 1);

      await trigger("corpus_callbacks");
      const airflow = await received((r) => r.body.dag_id === "corpus_callbacks", 4);
      const labels = airflow.map((p) => [p.body.label, p.body.task_id, p.body.try_number]);
      expect(labels.sort()).toEqual([
        ["report", "fails", 1],
        ["report", "fails", 2],
        ["report", "fails", 2],
        ["success of ok", "ok", 1],
      ]);
      const failure = airflow.find((p) => p.body.reason === "task_failure");
      expect(failure?.body.exception).toBe("ValueError: corpus failure");
      const [slack] = await received((r) => r.path === "/slack/T0/B0/corpus", 1);
      expect(slack?.body).toEqual({ text: "corpus_callbacks failed" });
    },
  );
});
