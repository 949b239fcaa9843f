import { cpSync, readdirSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
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

/**
 * The examples in examples/dags come in twins: `name.ts` (DAG id `name`) and `name.py`,
 * written with Borda's Python SDK (DAG id `name_py`). Each twin runs here on a real
 * control plane and a real `borda worker`, and must behave as the other does: the same run
 * and task states, XComs and log lines. What that behaviour is, is spelled out once per
 * example, so neither twin can pass by being as wrong as the other.
 */

const examples = fileURLToPath(new URL("../../../examples/dags/", import.meta.url));

/** What a run did: its state, and each task's state, result and log lines (no timestamps). */
interface Behaviour {
  state: string | undefined;
  tasks: Record<string, { state: string | undefined; xcom: unknown; log: string[] }>;
}

interface Example {
  name: string;
  conf: Record<string, unknown>;
  logicalDate?: Date;
  /** What both twins must do, checked on the TypeScript twin's behaviour. */
  expected(behaviour: Behaviour): void;
}

const exampleRuns: Example[] = [
  {
    name: "fan_out_fan_in",
    conf: { count: 6 },
    expected: (run) => {
      expect(run.state).toBe("success");
      expect(run.tasks).toEqual({
        generate: { state: "success", xcom: [1, 2, 3, 4, 5, 6], log: [] },
        sum_of_squares: { state: "success", xcom: 91, log: [] },
        evens: { state: "success", xcom: [2, 4, 6], log: [] },
        describe: { state: "success", xcom: "6 numbers from 1", log: [] },
        report: {
          state: "success",
          xcom: { summary: "6 numbers from 1", evenCount: 3, sumOfSquares: 91 },
          log: ["6 numbers from 1: 3 even, sum of squares 91"],
        },
      });
    },
  },
  {
    name: "mapping",
    conf: {},
    expected: (run) => {
      expect(run.state).toBe("success");
      expect(run.tasks).toEqual({
        plants: { state: "success", xcom: ["porto", "lyon", "gdansk"], log: [] },
        threshold: { state: "success", xcom: 0.9, log: [] },
        "check[0]": {
          state: "success",
          xcom: { plant: "porto", ok: true },
          log: ["map index 0: porto uptime 1.0"],
        },
        "check[1]": {
          state: "success",
          xcom: { plant: "lyon", ok: true },
          log: ["map index 1: lyon uptime 0.9"],
        },
        "check[2]": {
          state: "success",
          xcom: { plant: "gdansk", ok: false },
          log: ["map index 2: gdansk uptime 0.8"],
        },
        summary: {
          state: "success",
          xcom: ["gdansk"],
          log: ["3 plants checked, failing: gdansk"],
        },
      });
    },
  },
  {
    name: "bash_example",
    // Quotes and a semicolon: the command is quoted for the shell, so nothing is injected.
    conf: { greeting: "it's me; echo injected" },
    expected: (run) => {
      const greeting = `it's me; echo injected from ${hostname()}, try 1`;
      expect(run.state).toBe("success");
      expect(run.tasks).toEqual({
        print_host: { state: "success", xcom: hostname(), log: [hostname()] },
        greet: { state: "success", xcom: greeting, log: [greeting] },
        measure: {
          state: "success",
          xcom: greeting.length,
          log: [`greet printed: ${greeting}`],
        },
      });
    },
  },
  {
    name: "branching",
    // No rows: the branch takes the quick load and skips the bulk one, the report joins
    // after the quick one alone, and the short-circuit's false skips the publishing.
    conf: { rows: 0 },
    expected: (run) => {
      expect(run.state).toBe("success");
      expect(run.tasks).toEqual({
        choose: { state: "success", xcom: "quick_load", log: [] },
        quick_load: { state: "success", xcom: "loaded 0 rows at once", log: [] },
        bulk_load: { state: "skipped", xcom: undefined, log: [] },
        report: {
          state: "success",
          xcom: "loaded 0 rows at once",
          log: ["report: loaded 0 rows at once"],
        },
        has_rows: { state: "success", xcom: false, log: [] },
        publish: { state: "skipped", xcom: undefined, log: [] },
      });
    },
  },
  {
    name: "sensors",
    conf: {},
    expected: (run) => {
      expect(run.state).toBe("success");
      const rescheduled =
        "[borda] The condition is not met yet: rescheduled, the slot is free until the next poke.";
      expect(run.tasks).toEqual({
        reset: { state: "success", xcom: "reset", log: [] },
        second_look: { state: "success", xcom: 2, log: [rescheduled] },
        report: { state: "success", xcom: "ready after 2 pokes", log: [] },
      });
    },
  },
  {
    name: "count_to_twenty",
    conf: { sleep_seconds: 0 },
    expected: (run) => {
      expect(run.state).toBe("success");
      expect(run.tasks).toEqual({
        count_to_twenty: {
          state: "success",
          xcom: "done",
          log: Array.from({ length: 20 }, (_, i) => `Counting: ${i + 1}`),
        },
      });
    },
  },
  {
    name: "scheduled_daily",
    conf: {},
    // A summer day: the interval is 06:30 to 06:30 on Berlin's clocks, 04:30 UTC.
    logicalDate: new Date("2024-07-01T12:00:00Z"),
    expected: (run) => {
      expect(run.state).toBe("success");
      expect(run.tasks).toEqual({
        extract: {
          state: "success",
          xcom: { rows: 42, day: "2024-07-01" },
          log: ["extracting 2024-06-30T04:30:00.000Z .. 2024-07-01T04:30:00.000Z"],
        },
        publish: { state: "success", xcom: "published 42 rows for 2024-07-01", log: [] },
      });
    },
  },
];

describe("the Python twins of the examples, on a real worker", () => {
  const resources = new TestResources();
  let cp: ControlPlane;

  beforeAll(async () => {
    const home = resources.dir();
    cpSync(examples, path.join(home, "dags"), { recursive: true });
    cp = await startServer(resources, home, {});
    await cp.store.savePool({
      name: "worker-1",
      slots: 10,
      description: "Edge Pool",
      includeDeferred: false,
    });
    const worker = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["default", "worker-1"]),
      name: "examples-worker",
      queues: "default,worker-1",
    });
    await workersRegistered(cp, worker);
  });
  afterAll(() => resources.cleanup());

  it("has a Python twin of every TypeScript example, and parses all of them without an import error", async () => {
    const files = readdirSync(examples).sort();
    const names = (extension: string) =>
      files.filter((f) => f.endsWith(extension)).map((f) => path.basename(f, extension));
    expect(names(".py")).toEqual(names(".ts"));
    expect(exampleRuns.map((e) => e.name).sort()).toEqual(names(".ts"));
    expect(await cp.store.listImportErrors()).toEqual([]);
    const dags = await cp.store.listDags();
    expect(dags.map((d) => [d.dagId, d.fileloc]).sort()).toEqual(
      names(".ts")
        .flatMap((name) => [
          [name, `${name}.ts`],
          [`${name}_py`, `${name}.py`],
        ])
        .sort(),
    );
    // The same DAG, spec for spec, but for the id and the language its tasks run in.
    for (const name of names(".ts")) {
      const ts = (await cp.store.getDag(name))?.currentVersion?.spec;
      const py = (await cp.store.getDag(`${name}_py`))?.currentVersion?.spec;
      expect(comparable(py), name).toEqual(comparable(ts));
      for (const task of py?.tasks ?? []) {
        expect(task.runtime, `${name}_py.${task.taskId}`).toBe("python");
        expect(task.python?.entry).toBe(`${name}.py`);
      }
    }
  });

  for (const example of exampleRuns) {
    it(`runs ${example.name}.py as ${example.name}.ts runs`, async () => {
      const trigger = { runId: "twins", conf: example.conf, logicalDate: example.logicalDate };
      await Promise.all([
        cp.scheduler.triggerRun(example.name, trigger),
        cp.scheduler.triggerRun(`${example.name}_py`, trigger),
      ]);
      const [ts, py] = await Promise.all([
        behaviour(cp, example.name, "twins"),
        behaviour(cp, `${example.name}_py`, "twins"),
      ]);

      example.expected(ts);
      expect(py).toEqual(ts);
    });
  }
});

/** A spec without what differs between twins by design: the DAG id, and how tasks run. */
function comparable(spec: Record<string, unknown> | undefined) {
  if (!spec) return spec;
  const tasks = spec.tasks as Record<string, unknown>[];
  return {
    ...spec,
    dagId: undefined,
    tasks: tasks.map((task) => ({
      ...task,
      runtime: undefined,
      operator: undefined,
      python: undefined,
      // Input names follow each language's style (sumOfSquares, sum_of_squares); which
      // upstream results a task receives must not differ.
      inputs: Object.values(task.inputs as Record<string, string>).sort(),
    })),
  };
}

/** Waits for the run to finish, then reads what each of its tasks did. */
async function behaviour(cp: ControlPlane, dagId: string, runId: string): Promise<Behaviour> {
  const run = await eventually(async () => {
    const found = await cp.store.getDagRun(dagId, runId);
    return found?.state === "success" || found?.state === "failed" ? found : null;
  }, `run ${runId} of ${dagId} to finish`);
  // A mapped task's instances as `task[map_index]`.
  const key = (x: { taskId: string; mapIndex: number }) =>
    x.mapIndex < 0 ? x.taskId : `${x.taskId}[${x.mapIndex}]`;
  const xcoms = new Map(
    (await cp.store.listXcoms({ dagRunId: run.id })).map((x) => [key(x), x.value]),
  );
  const attempts = await cp.store.listAttempts({ dagRunId: run.id });
  const tasks: Behaviour["tasks"] = {};
  for (const ti of await cp.store.listTaskInstances({ dagRunId: run.id })) {
    const attempt = attempts.filter((a) => key(a) === key(ti)).at(-1);
    const log = attempt ? (await cp.store.readLog(attempt.attemptId)).data : "";
    tasks[key(ti)] = {
      state: ti.state ?? undefined,
      xcom: xcoms.get(key(ti)),
      log: log
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => line.replace(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /, "")),
    };
  }
  return { state: run.state, tasks };
}
