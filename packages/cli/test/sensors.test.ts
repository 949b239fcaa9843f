import type { ControlPlane } from "@borda/server";
import { expect, it } from "vitest";
import { type Backend, describeEachBackend } from "../../server/test/support/backends.js";
import {
  eventually,
  startServer,
  startWorker,
  TestResources,
  workersRegistered,
  workerToken,
} from "./support.js";

/**
 * Sensors end to end, on both backends: a real control plane and one real `borda worker`
 * process with ONE slot. A reschedule-mode sensor frees that slot between pokes, so the
 * task that satisfies it runs meanwhile; a poke-mode sensor holds it. Timeouts fail
 * without retries, or skip with softFail; a poke's value reaches the downstream task; an
 * external-task sensor waits for another DAG's run.
 */

const sensorDags = `
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dag } from "borda";

export const handoff = dag(
  { id: "sensor_handoff", schedule: null, params: { path: { type: "string", default: "" } } },
  ({ task, sensor }) => {
    // Higher priority: with one slot, the sensor is claimed first and must give it up.
    const wait = sensor(
      { id: "wait_for_file", mode: "reschedule", pokeInterval: "200ms", timeout: 60, priorityWeight: 10, pool: "single" },
      (ctx) => existsSync(ctx.params.path) ? { done: true, value: readFileSync(ctx.params.path, "utf8") } : false,
    );
    task({ id: "write_file", pool: "single" }, (ctx) => {
      writeFileSync(ctx.params.path, "delivered");
      return "written";
    });
    task({ id: "read", inputs: { content: wait } }, (ctx) => "got " + ctx.inputs.content);
  },
);

export const counting = dag(
  { id: "sensor_poke", schedule: null, params: { path: { type: "string", default: "" } } },
  ({ task, sensor }) => {
    const third = sensor({ id: "third_poke", pokeInterval: "100ms", timeout: 60 }, (ctx) => {
      const pokes = (existsSync(ctx.params.path) ? Number(readFileSync(ctx.params.path, "utf8")) : 0) + 1;
      writeFileSync(ctx.params.path, String(pokes));
      return { done: pokes === 3, value: pokes };
    });
    task({ id: "after", inputs: { pokes: third } }, (ctx) => ctx.inputs.pokes);
  },
);

export const timeouts = dag({ id: "sensor_timeouts", schedule: null }, ({ task, sensor }) => {
  const never = sensor(
    { id: "never", mode: "reschedule", pokeInterval: "100ms", timeout: "400ms", retries: 2, retryDelay: 0 },
    () => false,
  );
  const soft = sensor(
    { id: "soft", mode: "poke", pokeInterval: "100ms", timeout: "300ms", softFail: true, retries: 2 },
    () => false,
  );
  task({ id: "after_never" }, () => "ran").after(never);
  task({ id: "after_soft" }, () => "ran").after(soft);
});

export const pythonPoke = dag(
  { id: "sensor_python_fn", schedule: null, params: { path: { type: "string", default: "" } } },
  ({ python }) => {
    python({
      id: "second_poke",
      file: "sensor_tasks.py",
      callable: "second_poke",
      sensor: { mode: "reschedule", pokeInterval: "100ms", timeout: 30 },
    });
  },
);

export const upstream = dag({ id: "sensor_upstream", schedule: null }, ({ task }) => {
  task({ id: "produce" }, () => "produced");
});

export const downstream = dag({ id: "sensor_external", schedule: null }, ({ task, sensor }) => {
  const waited = sensor(
    { id: "wait_upstream", mode: "reschedule", pokeInterval: "100ms", timeout: 60 },
    async (ctx) => {
      const state = await ctx.dagState("sensor_upstream", { taskId: "produce" });
      return { done: state === "success", value: state };
    },
  );
  task({ id: "after", inputs: { state: waited } }, (ctx) => ctx.inputs.state);
});
`;

/** A TypeScript DAG's python() sensor: a plain function, true on its second poke. */
const sensorTasks = `
import os


def second_poke(ctx):
    path = ctx.params["path"]
    seen = os.path.exists(path)
    open(path, "a").close()
    return seen
`;

/** The handoff again in Borda's Python SDK: the Python runner's pokes, on the same one slot. */
const pythonSensorDag = `
import os

from borda import PokeReturnValue, dag, task


@dag(dag_id="sensor_handoff_py", params={"path": ""})
def sensor_handoff_py():
    @task.sensor(poke_interval=0.2, timeout=60, mode="reschedule", priority_weight=10, pool="single")
    def wait_for_file(ctx):
        path = ctx.params["path"]
        if not os.path.exists(path):
            return False
        with open(path) as file:
            return PokeReturnValue(True, xcom_value=file.read())

    @task(pool="single")
    def write_file(ctx):
        with open(ctx.params["path"], "w") as file:
            file.write("delivered")

    @task
    def read(ctx, content):
        return "got " + content

    @task.sensor(poke_interval=0.1, timeout=30, mode="reschedule")
    def upstream_done(ctx):
        return ctx.dag_state("sensor_handoff_py", "write_file") == "success"

    write_file()
    upstream_done()
    read(wait_for_file())


sensor_handoff_py()
`;

describeEachBackend("sensors on a real worker with one slot", (backend) => {
  async function setUp(backend: Backend) {
    const resources = new TestResources();
    backend.onCleanup(() => resources.cleanup());
    const opened = await backend.open({ dagsPausedAtCreation: false });
    await opened.store.close();
    const cp = await startServer(
      resources,
      opened.home,
      {
        "sensors.ts": sensorDags,
        "sensors_py.py": pythonSensorDag,
        "sensor_tasks.py": sensorTasks,
      },
      { databaseUrl: opened.databaseUrl, heartbeatIntervalMs: 1000 },
    );
    expect(await cp.store.listImportErrors()).toEqual([]);
    await cp.store.savePool({
      name: "single",
      slots: 1,
      description: null,
      includeDeferred: false,
    });
    const worker = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["default"]),
      name: "one-slot",
      queues: "default",
      env: { BORDA_CONCURRENCY: "1" },
    });
    await workersRegistered(cp, worker);
    return { cp, dir: resources.dir("borda-sensor-files-") };
  }

  it("frees the worker and pool slot between pokes in reschedule mode: the task that satisfies the sensor runs meanwhile, on the same try", async () => {
    const { cp, dir } = await setUp(backend);
    const run = await cp.scheduler.triggerRun("sensor_handoff", {
      runId: "handoff",
      conf: { path: `${dir}/ready.txt` },
    });
    await finished(cp, "sensor_handoff", "handoff", "success");
    const [sensorAttempt, ...others] = await cp.store.listAttempts({
      dagRunId: run.id,
      taskId: "wait_for_file",
    });
    expect(others).toEqual([]);
    expect(sensorAttempt).toMatchObject({ tryNumber: 1, state: "success" });
    expect(sensorAttempt?.reschedules).toBeGreaterThan(0);
    // One log for the try: the pokes that rescheduled it, then the one that found the file.
    const log = (await cp.store.readLog(sensorAttempt?.attemptId ?? "")).data;
    expect(log.split("rescheduled, the slot is free").length - 1).toBe(sensorAttempt?.reschedules);
    const xcoms = Object.fromEntries(
      (await cp.store.listXcoms({ dagRunId: run.id })).map((x) => [x.taskId, x.value]),
    );
    expect(xcoms).toMatchObject({ wait_for_file: "delivered", read: "got delivered" });
  });

  it("does the same with a Borda-Python sensor, which also reads its own DAG's state", async () => {
    const { cp, dir } = await setUp(backend);
    const run = await cp.scheduler.triggerRun("sensor_handoff_py", {
      runId: "handoff_py",
      conf: { path: `${dir}/ready_py.txt` },
    });
    await finished(cp, "sensor_handoff_py", "handoff_py", "success");
    const [sensorAttempt, ...others] = await cp.store.listAttempts({
      dagRunId: run.id,
      taskId: "wait_for_file",
    });
    expect(others).toEqual([]);
    expect(sensorAttempt?.tryNumber).toBe(1);
    expect(sensorAttempt?.reschedules).toBeGreaterThan(0);
    const xcoms = Object.fromEntries(
      (await cp.store.listXcoms({ dagRunId: run.id })).map((x) => [x.taskId, x.value]),
    );
    expect(xcoms).toMatchObject({ wait_for_file: "delivered", read: "got delivered" });
    const [upstreamDone] = await cp.store.listTaskInstances({
      dagRunId: run.id,
      taskIds: ["upstream_done"],
    });
    expect(upstreamDone?.state).toBe("success");
  });

  it("runs a TypeScript DAG's python() function as a sensor's poke", async () => {
    const { cp, dir } = await setUp(backend);
    const run = await cp.scheduler.triggerRun("sensor_python_fn", {
      runId: "python_fn",
      conf: { path: `${dir}/seen` },
    });
    await finished(cp, "sensor_python_fn", "python_fn", "success");
    const attempts = await cp.store.listAttempts({ dagRunId: run.id });
    expect(attempts.map((a) => [a.tryNumber, a.reschedules])).toEqual([[1, 1]]);
  });

  it("pokes again in poke mode, holding the slot, and passes the poke's value on", async () => {
    const { cp, dir } = await setUp(backend);
    const run = await cp.scheduler.triggerRun("sensor_poke", {
      runId: "poke",
      conf: { path: `${dir}/pokes.txt` },
    });
    await finished(cp, "sensor_poke", "poke", "success");
    const attempts = await cp.store.listAttempts({ dagRunId: run.id, taskId: "third_poke" });
    expect(attempts.map((a) => [a.tryNumber, a.reschedules])).toEqual([[1, 0]]);
    expect((await cp.store.listXcoms({ dagRunId: run.id, taskIds: ["after"] }))[0]?.value).toBe(3);
  });

  it("fails a sensor at its timeout without retries, and skips one with softFail", async () => {
    const { cp } = await setUp(backend);
    const run = await cp.scheduler.triggerRun("sensor_timeouts", { runId: "timeouts" });
    await finished(cp, "sensor_timeouts", "timeouts", "failed");
    const states = Object.fromEntries(
      (await cp.store.listTaskInstances({ dagRunId: run.id })).map((ti) => [
        ti.taskId,
        [ti.state, ti.tryNumber],
      ]),
    );
    expect(states).toEqual({
      never: ["failed", 1],
      soft: ["skipped", 1],
      after_never: ["upstream_failed", 0],
      after_soft: ["skipped", 0],
    });
    const [never] = await cp.store.listAttempts({ dagRunId: run.id, taskId: "never" });
    expect(never?.error).toMatch(/^Sensor timed out/);
  });

  it("waits for another DAG's task through the control plane's answer", async () => {
    const { cp } = await setUp(backend);
    const logicalDate = new Date("2026-01-05T00:00:00.000Z");
    const waiting = await cp.scheduler.triggerRun("sensor_external", {
      runId: "waiting",
      logicalDate,
    });
    await eventually(
      async () =>
        (await cp.store.listTaskInstances({ dagRunId: waiting.id, taskIds: ["wait_upstream"] }))[0]
          ?.state === "up_for_reschedule",
      "the external sensor to wait up_for_reschedule",
    );
    await cp.scheduler.triggerRun("sensor_upstream", { runId: "upstream", logicalDate });
    await finished(cp, "sensor_external", "waiting", "success");
    expect((await cp.store.listXcoms({ dagRunId: waiting.id, taskIds: ["after"] }))[0]?.value).toBe(
      "success",
    );
  });
});

async function finished(cp: ControlPlane, dagId: string, runId: string, state: string) {
  const ended = await eventually(async () => {
    const run = await cp.store.getDagRun(dagId, runId);
    return run?.state === "success" || run?.state === "failed" ? run.state : null;
  }, `run ${runId} of ${dagId} to finish`);
  if (ended !== state) {
    const run = await cp.store.getDagRun(dagId, runId);
    const attempts = await cp.store.listAttempts({ dagRunId: run?.id ?? 0 });
    throw new Error(
      `run ${runId} of ${dagId} ended ${ended}, not ${state}: ${JSON.stringify(attempts.map((a) => [a.taskId, a.state, a.error]))}`,
    );
  }
}
