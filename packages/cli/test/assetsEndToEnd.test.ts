import type { ControlPlane } from "@borda/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  eventually,
  startServer,
  startWorker,
  TestResources,
  workersRegistered,
  workerToken,
} from "./support.js";

const orders = "s3://lake/orders";
const customers = "s3://lake/customers";

/** A TypeScript producer, and consumers in TypeScript and in Borda's Python SDK. */
const dags = {
  "producer.ts": `
import { asset, dag } from "borda";
export default dag({ id: "producer" }, ({ task }) => {
  task({ id: "write", outlets: [asset("${orders}")] }, () => "written");
});`,
  "consumer.ts": `
import { asset, dag } from "borda";
export default dag(
  { id: "consumer_ts", schedule: asset("${orders}").or(asset("${customers}")) },
  ({ task }) => {
    task({ id: "read", retries: 0 }, (ctx) =>
      Object.entries(ctx.triggeringAssetEvents).flatMap(([uri, events]) =>
        events.map((e) => [uri, e.sourceDagId, e.sourceTaskId, e.extra, e.timestamp instanceof Date]),
      ),
    );
  },
);`,
  "consumer.py": `
from datetime import datetime

from borda import Asset, dag, task


@dag(dag_id="consumer_py", schedule=Asset("${orders}") | Asset("${customers}"))
def consumer_py():
    @task
    def read(ctx):
        return [
            [uri, e.source_dag_id, e.source_task_id, e.extra, isinstance(e.timestamp, datetime)]
            for uri, events in ctx.triggering_asset_events.items()
            for e in events
        ]

    read()
`,
};

/**
 * Data-aware scheduling end to end, on a real control plane and a real `borda worker` with
 * node and Python runners: a producer's success triggers a TypeScript and a Python
 * consumer, whose tasks see the event that triggered them; an event raised through the
 * REST API, as another system raises one, triggers both again.
 */
describe("asset-triggered runs on a real worker, in TypeScript and Python", () => {
  const resources = new TestResources();
  let cp: ControlPlane;

  beforeAll(async () => {
    cp = await startServer(resources, resources.dir(), dags, {
      adminUser: "admin",
      adminPassword: "admin-password",
    });
    const worker = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["default"]),
      name: "assets-worker",
      queues: "default",
    });
    await workersRegistered(cp, worker);
  }, 120_000);
  afterAll(() => resources.cleanup());

  /** Each finished run's `read` result, once `dagId` has `count` finished runs. */
  const results = async (dagId: string, count: number) => {
    const runs = await eventually(async () => {
      const found = await cp.store.listDagRuns({ dagId });
      const done = found.every((r) => r.state === "success" || r.state === "failed");
      return found.length === count && done ? found : null;
    }, `${count} finished run(s) of ${dagId}`);
    return Promise.all(
      runs.map(async (run) => {
        expect(run).toMatchObject({ runType: "dataset_triggered", state: "success" });
        const [read] = await cp.store.listXcoms({ dagRunId: run.id, key: "return_value" });
        return read?.value;
      }),
    );
  };

  it("runs each consumer once per event, each seeing the event that triggered it", async () => {
    expect(await cp.store.listImportErrors()).toEqual([]);
    await cp.scheduler.triggerRun("producer", { runId: "first" });
    for (const dagId of ["consumer_ts", "consumer_py"]) {
      expect(await results(dagId, 1), dagId).toEqual([[[orders, "producer", "write", {}, true]]]);
    }

    const raised = await fetch(`${cp.url}/api/v1/datasets/events`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from("admin:admin-password").toString("base64")}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ dataset_uri: customers, extra: { rows: 3 } }),
    });
    expect(raised.status).toBe(200);
    for (const dagId of ["consumer_ts", "consumer_py"]) {
      expect(await results(dagId, 2), dagId).toContainEqual([
        [customers, null, null, { rows: 3, from_rest_api: true }, true],
      ]);
    }
  });
});
