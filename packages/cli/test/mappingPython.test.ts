import type { ControlPlane } from "@borda/server";
import { expect, it } from "vitest";
import { describeEachBackend } from "../../server/test/support/backends.js";
import { startTestControlPlane } from "../../server/test/support/controlPlane.js";
import { airflowPython } from "./fixtures/airflow/airflowPython.js";
import {
  eventually,
  startWorker,
  TestResources,
  workersRegistered,
  workerToken,
} from "./support.js";

/**
 * Dynamic task mapping written in Python, end to end on each metadata backend: a real
 * control plane parses an Airflow-style file and a Borda Python SDK file, a real
 * `borda worker` runs every map index in a Python runner, and the reducer after each
 * mapped task sums the results in map_index order, though the map indexes finish in
 * another order. The control plane's side of mapping is tested in
 * packages/server/test/taskMapping.test.ts; the Python front ends' specs and runtime in
 * packages/python/tests.
 */

const { python, skip } = airflowPython();

const airflowStyle = `
import time
from datetime import datetime

from airflow import DAG
from airflow.decorators import task

with DAG("airflow_mapping", schedule=None, start_date=datetime(2024, 1, 1)):

    @task
    def numbers():
        return [5, 1, 4, 2, 3]

    @task(max_active_tis_per_dagrun=3)
    def square(x, offset, ti=None):
        # Larger items sleep longer, so the map indexes finish out of their order.
        time.sleep(x / 20)
        return {"index": ti.map_index, "square": x * x + offset}

    @task
    def total(squares):
        return {"squares": [s["square"] for s in squares], "sum": sum(s["square"] for s in squares)}

    @task
    def nothing():
        return []

    total(square.partial(offset=1).expand(x=numbers()))
    square.override(task_id="square_none").partial(offset=0).expand(x=nothing())
`;

const bordaSdk = `
from borda import dag, task

@dag(dag_id="sdk_mapping")
def sdk_mapping():
    @task
    def words(ctx):
        return ["edge", "a", "borda"]

    @task
    def measure(ctx, word, unit):
        return {"index": ctx.map_index, "size": len(word) * unit}

    @task
    def total(ctx, sizes):
        return [size["size"] for size in sizes]

    @task
    def label(ctx, size):
        return f"{ctx.map_index}:{size['size']}"

    measured = measure.partial(unit=10).expand(word=words())
    total(measured)
    # A mapped task's results, a list in map_index order, mapped over again.
    label.expand(size=measured)
`;

describeEachBackend("dynamic task mapping in Python DAG files on a real worker", (backend) => {
  it.skipIf(skip !== null)(
    skip === null
      ? "maps over an upstream list, runs each map index on the worker, and reduces the results in map_index order"
      : `maps over an upstream list (skipped: ${skip})`,
    async () => {
      const resources = new TestResources();
      backend.onCleanup(() => resources.cleanup());
      const cp: ControlPlane = await startTestControlPlane(backend, {
        dags: { "airflow_mapping.py": airflowStyle, "sdk_mapping.py": bordaSdk },
        config: { python: python ?? "python3" },
      });
      expect(await cp.store.listImportErrors()).toEqual([]);
      const worker = startWorker(resources, {
        url: cp.url,
        token: await workerToken(cp, ["default"]),
        name: "mapping-worker",
        queues: "default",
        env: { BORDA_PYTHON: python ?? "python3", BORDA_CONCURRENCY: "4" },
      });
      await workersRegistered(cp, worker);

      const runDag = async (dagId: string) => {
        const run = await cp.scheduler.triggerRun(dagId, { runId: "mapped" });
        const state = await eventually(async () => {
          const current = await cp.store.getDagRun(dagId, "mapped");
          return current?.state === "success" || current?.state === "failed" ? current.state : null;
        }, `the run of ${dagId} to finish`);
        const attempts = await cp.store.listAttempts({ dagRunId: run.id });
        expect(state, JSON.stringify(attempts.map((a) => [a.taskId, a.state, a.error]))).toBe(
          "success",
        );
        const xcoms = await cp.store.listXcoms({ dagRunId: run.id });
        const taskInstances = await cp.store.listTaskInstances({ dagRunId: run.id });
        return { run, attempts, xcoms, taskInstances };
      };

      const airflow = await runDag("airflow_mapping");
      const result = (taskId: string) =>
        airflow.xcoms.find((x) => x.taskId === taskId && x.key === "return_value")?.value;
      expect(result("total")).toEqual({ squares: [26, 2, 17, 5, 10], sum: 60 });
      // Each map index ran on the worker with its item and its index, and stored its XCom
      // under that index.
      const squares = airflow.taskInstances.filter((ti) => ti.taskId === "square");
      expect(squares.map((ti) => [ti.mapIndex, ti.state]).sort()).toEqual([
        [0, "success"],
        [1, "success"],
        [2, "success"],
        [3, "success"],
        [4, "success"],
      ]);
      const pushed = airflow.xcoms
        .filter((x) => x.taskId === "square" && x.key === "return_value")
        .sort((a, b) => a.mapIndex - b.mapIndex)
        .map((x) => [x.mapIndex, x.value]);
      expect(pushed).toEqual([
        [0, { index: 0, square: 26 }],
        [1, { index: 1, square: 2 }],
        [2, { index: 2, square: 17 }],
        [3, { index: 3, square: 5 }],
        [4, { index: 4, square: 10 }],
      ]);
      const spec = (await cp.store.getDag("airflow_mapping"))?.currentVersion?.spec;
      expect(spec?.tasks.find((t) => t.taskId === "square")?.mapped).toEqual({
        expand: { x: { from: "numbers" } },
        maxActive: 3,
      });
      // An empty list skips the mapped task.
      const none = airflow.taskInstances.filter((ti) => ti.taskId === "square_none");
      expect(none.map((ti) => ti.state)).toEqual(["skipped"]);

      const sdk = await runDag("sdk_mapping");
      expect(
        sdk.xcoms.find((x) => x.taskId === "total" && x.key === "return_value")?.value,
      ).toEqual([40, 10, 50]);
      const labels = sdk.xcoms
        .filter((x) => x.taskId === "label")
        .sort((a, b) => a.mapIndex - b.mapIndex)
        .map((x) => x.value);
      expect(labels).toEqual(["0:40", "1:10", "2:50"]);
    },
    120_000,
  );
});
