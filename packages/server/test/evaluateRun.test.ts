import { finishedTaskInstanceStates, type TaskInstanceState, triggerRules } from "@borda/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dagGraph } from "../src/scheduler/dagGraph.js";
import { evaluateRun, evaluateTasks } from "../src/scheduler/evaluateRun.js";
import { mapLength, mappedInputs } from "../src/scheduler/taskMapping.js";
import type { TaskInstanceRecord } from "../src/store/index.js";
import { dagSpec, taskSpec } from "./support/dags.js";

/** A random DAG: task i may depend on any task before it, with any trigger rule. */
const randomDag = fc
  .integer({ min: 1, max: 12 })
  .chain((size) =>
    fc.tuple(
      fc.array(
        fc.record({
          rule: fc.constantFrom(...triggerRules),
          upstreamMask: fc.array(fc.boolean(), { minLength: size, maxLength: size }),
          fails: fc.boolean(),
        }),
        { minLength: size, maxLength: size },
      ),
    ),
  )
  .map(([tasks]) =>
    tasks.map((t, i) => ({
      spec: taskSpec(`t${i}`, {
        triggerRule: t.rule,
        upstream: t.upstreamMask.slice(0, i).flatMap((on, j) => (on ? [`t${j}`] : [])),
      }),
      fails: t.fails,
    })),
  );

function instance(id: number, taskId: string, state: TaskInstanceState): TaskInstanceRecord {
  return {
    id,
    dagRunId: 1,
    dagId: "random",
    runId: "r",
    taskId,
    mapIndex: -1,
    state,
    tryNumber: 0,
    maxTries: 0,
    pool: "default_pool",
    poolSlots: 1,
    queue: "default",
    priorityWeight: 1,
    operator: "function",
    currentAttemptId: null,
    hostname: null,
    startDate: null,
    endDate: null,
    queuedAt: null,
    nextRetryAt: null,
    lastError: null,
    renderedMapIndex: null,
  };
}

describe("run evaluation", () => {
  it("brings every random DAG to an end, running each task at most once", () => {
    fc.assert(
      fc.property(randomDag, (tasks) => {
        const spec = dagSpec(
          "random",
          tasks.map((t) => t.spec),
        );
        const states = new Map<string, TaskInstanceState>(
          tasks.map((t) => [t.spec.taskId, "none"]),
        );
        const runs = new Map<string, number>();
        let outcome = null;
        for (let step = 0; step < 100 && outcome === null; step++) {
          const tis = [...states].map(([taskId, state], i) => instance(i, taskId, state));
          const { changes, runState } = evaluateRun(spec, tis, new Map());
          outcome = runState;
          for (const change of changes) {
            const taskId = tis[change.taskInstanceId]?.taskId ?? "";
            expect(states.get(taskId)).toBe(change.from);
            states.set(taskId, change.to);
          }
          // "Run" whatever was scheduled: a worker reports success or failure.
          for (const t of tasks) {
            if (states.get(t.spec.taskId) === "scheduled") {
              runs.set(t.spec.taskId, (runs.get(t.spec.taskId) ?? 0) + 1);
              states.set(t.spec.taskId, t.fails ? "failed" : "success");
            }
          }
          if (changes.length === 0 && outcome === null) {
            throw new Error(`stuck with ${JSON.stringify([...states])}`);
          }
        }
        expect(outcome).not.toBeNull();
        for (const state of states.values()) expect(finishedTaskInstanceStates).toContain(state);
        for (const count of runs.values()) expect(count).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  it("decides the same after each task ends, evaluating only its downstream, as evaluating the whole run", () => {
    fc.assert(
      fc.property(
        randomDag,
        fc.array(fc.nat(), { minLength: 200, maxLength: 200 }),
        (tasks, picks) => {
          const spec = dagSpec(
            "random",
            tasks.map((t) => t.spec),
          );
          const fails = new Map(tasks.map((t) => [t.spec.taskId, t.fails]));
          const simulate = (targeted: boolean) => {
            const states = new Map<string, TaskInstanceState>(
              tasks.map((t) => [t.spec.taskId, "none"]),
            );
            const snapshot = () =>
              [...states].map(([taskId, state], i) => instance(i, taskId, state));
            const apply = (changes: { taskInstanceId: number; to: TaskInstanceState }[]) => {
              const ids = [...states.keys()];
              for (const c of changes) states.set(ids[c.taskInstanceId] ?? "", c.to);
            };
            apply(evaluateRun(spec, snapshot(), new Map()).changes);
            for (const pick of picks) {
              const ready = [...states].filter(([, s]) => s === "scheduled").map(([id]) => id);
              if (ready.length === 0) break;
              // Workers finish ready tasks in an arbitrary order.
              const done = ready[pick % ready.length] ?? "";
              states.set(done, fails.get(done) ? "failed" : "success");
              const focus = dagGraph(spec).downstream.get(done) ?? [];
              const changes = targeted ? evaluateTasks(spec, snapshot(), focus) : null;
              apply(changes ?? evaluateRun(spec, snapshot(), new Map()).changes);
            }
            return Object.fromEntries(states);
          };
          expect(simulate(true)).toEqual(simulate(false));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("branching and short-circuit", () => {
  /** Runs the DAG to its end: every task that becomes ready succeeds, flow tasks with `results`. */
  function runToEnd(
    tasks: ReturnType<typeof taskSpec>[],
    results: Record<string, unknown>,
  ): Record<string, TaskInstanceState> {
    const spec = dagSpec("flow", tasks);
    const states = new Map<string, TaskInstanceState>(tasks.map((t) => [t.taskId, "none"]));
    for (let step = 0; step < 50; step++) {
      const tis = tasks.map((t, i) => instance(i, t.taskId, states.get(t.taskId) ?? "none"));
      const flowResults = new Map(
        tasks
          .filter((t) => t.flow && states.get(t.taskId) === "success")
          .map((t) => [t.taskId, results[t.taskId]]),
      );
      const { changes, runState } = evaluateRun(spec, tis, flowResults);
      for (const change of changes) {
        const taskId = tasks[change.taskInstanceId]?.taskId ?? "";
        states.set(taskId, change.to === "scheduled" ? "success" : change.to);
      }
      if (runState !== null) return Object.fromEntries(states);
    }
    throw new Error("the run never ended");
  }

  const branchDag = [
    taskSpec("choose", { flow: { kind: "branch" } }),
    taskSpec("fast", { upstream: ["choose"] }),
    taskSpec("slow", { upstream: ["choose"] }),
    taskSpec("after_slow", { upstream: ["slow"] }),
    taskSpec("join", {
      upstream: ["fast", "after_slow"],
      triggerRule: "none_failed_min_one_success",
    }),
  ];

  it("follows the task a branch chose, skips the other path, and joins under none_failed_min_one_success", () => {
    expect(runToEnd(branchDag, { choose: "fast" })).toEqual({
      choose: "success",
      fast: "success",
      slow: "skipped",
      after_slow: "skipped",
      join: "success",
    });
    expect(runToEnd(branchDag, { choose: ["fast", "slow"] })).toMatchObject({
      fast: "success",
      slow: "success",
      join: "success",
    });
    expect(runToEnd(branchDag, { choose: null })).toEqual({
      choose: "success",
      fast: "skipped",
      slow: "skipped",
      after_slow: "skipped",
      join: "skipped",
    });
  });

  const shortCircuitDag = (ignoreDownstreamTriggerRules?: boolean) => [
    taskSpec("check", {
      flow: {
        kind: "short_circuit",
        ...(ignoreDownstreamTriggerRules === undefined ? {} : { ignoreDownstreamTriggerRules }),
      },
    }),
    taskSpec("next", { upstream: ["check"] }),
    taskSpec("other", {}),
    taskSpec("always", { upstream: ["next", "other"], triggerRule: "all_done" }),
  ];

  it("skips everything below a short-circuit that returned a falsy value, whatever the trigger rules", () => {
    for (const falsy of [false, null, 0, "", [], {}]) {
      expect(runToEnd(shortCircuitDag(), { check: falsy })).toMatchObject({
        next: "skipped",
        other: "success",
        always: "skipped",
      });
    }
    expect(runToEnd(shortCircuitDag(), { check: [1] })).toMatchObject({
      next: "success",
      always: "success",
    });
  });

  it("does not skip a join that is under both the branch and the path it chose, as Airflow", () => {
    const joinUnderBranch = [
      taskSpec("choose", { flow: { kind: "branch" } }),
      taskSpec("chosen", { upstream: ["choose"] }),
      taskSpec("join", {
        upstream: ["choose", "chosen"],
        triggerRule: "none_failed_min_one_success",
      }),
    ];
    expect(runToEnd(joinUnderBranch, { choose: "chosen" })).toEqual({
      choose: "success",
      chosen: "success",
      join: "success",
    });
  });

  it("lets trigger rules decide below the direct downstream tasks when told to", () => {
    expect(runToEnd(shortCircuitDag(false), { check: false })).toMatchObject({
      next: "skipped",
      other: "success",
      always: "success",
    });
  });

  it("leaves a focused evaluation below a finished branch to the whole run's, which reads its result", () => {
    const spec = dagSpec("flow", branchDag);
    const tis = branchDag.map((t, i) =>
      instance(i, t.taskId, t.taskId === "choose" ? "success" : "none"),
    );
    expect(evaluateTasks(spec, tis, ["fast", "slow"])).toBeNull();
  });
});

describe("dynamic task mapping", () => {
  const mappedDag = dagSpec("mapped", [
    taskSpec("source"),
    taskSpec("each", { upstream: ["source"], mapped: { expand: { item: { from: "source" } } } }),
    taskSpec("collect", { upstream: ["each"] }),
    taskSpec("any", { upstream: ["each"], triggerRule: "one_failed" }),
  ]);
  const at = (id: number, taskId: string, state: TaskInstanceState, mapIndex = -1) => ({
    ...instance(id, taskId, state),
    mapIndex,
  });

  it("expands a mapped task once its source succeeded, to as many instances as items", () => {
    const tis = [at(0, "source", "success"), at(1, "each", "none"), at(2, "collect", "none")];
    const found = evaluateRun(
      mappedDag,
      [...tis, at(3, "any", "none")],
      new Map([["source", [7, 8, 9]]]),
    );
    expect(found.expansions).toEqual([{ taskId: "each", count: 3 }]);
    expect(found.changes).toEqual([]);
    expect(found.runState).toBeNull();
  });

  it("skips a task mapped over nothing, and its downstream tasks as their rules say", () => {
    const tis = [at(0, "source", "success"), at(1, "each", "none"), at(2, "collect", "none")];
    const found = evaluateRun(mappedDag, [...tis, at(3, "any", "none")], new Map([["source", {}]]));
    expect(found.expansions).toEqual([]);
    expect(found.changes.map((c) => [c.taskInstanceId, c.to])).toEqual([
      [1, "skipped"],
      [2, "skipped"],
      [3, "skipped"],
    ]);
    expect(found.runState).toBe("success");
  });

  it("decides downstream tasks over every map index, leaving out those a re-expansion removed", () => {
    const expanded = [
      at(0, "source", "success"),
      at(1, "each", "success", 0),
      at(4, "each", "running", 1),
      at(5, "each", "removed", 2),
      at(2, "collect", "none"),
      at(3, "any", "none"),
    ];
    expect(evaluateRun(mappedDag, expanded, new Map()).changes).toEqual([]);
    const oneFailed = expanded.map((ti) =>
      ti.id === 4 ? { ...ti, state: "failed" as const } : ti,
    );
    const found = evaluateRun(mappedDag, oneFailed, new Map());
    expect(found.changes.map((c) => [c.taskInstanceId, c.to])).toEqual([
      [2, "upstream_failed"],
      [3, "scheduled"],
    ]);
    const allDone = expanded.map((ti) => (ti.id === 4 ? { ...ti, state: "success" as const } : ti));
    expect(
      evaluateRun(mappedDag, allDone, new Map()).changes.map((c) => [c.taskInstanceId, c.to]),
    ).toEqual([
      [2, "scheduled"],
      [3, "skipped"],
    ]);
  });

  it("leaves the expansion to a full evaluation, which reads the sources' results", () => {
    const tis = [
      at(0, "source", "success"),
      at(1, "each", "none"),
      at(2, "collect", "none"),
      at(3, "any", "none"),
    ];
    expect(evaluateTasks(mappedDag, tis, ["each"])).toBeNull();
  });

  it("schedules a single cleared map index without expanding again", () => {
    const tis = [
      at(0, "source", "success"),
      at(1, "each", "success", 0),
      at(4, "each", "none", 1),
      at(2, "collect", "none"),
      at(3, "any", "none"),
    ];
    const found = evaluateRun(mappedDag, tis, new Map([["source", [1, 2]]]));
    expect(found.expansions).toEqual([]);
    expect(found.changes).toEqual([{ taskInstanceId: 4, from: "none", to: "scheduled" }]);
  });

  it("fails a mapping whose cross product is larger than allowed, saying so", () => {
    const spec = dagSpec("huge", [
      taskSpec("a"),
      taskSpec("b"),
      taskSpec("each", {
        upstream: ["a", "b"],
        mapped: { expand: { x: { from: "a" }, y: { from: "b" } } },
      }),
    ]);
    const big = Array.from({ length: 1000 }, (_, i) => i);
    const tis = [at(0, "a", "success"), at(1, "b", "success"), at(2, "each", "none")];
    const found = evaluateRun(
      spec,
      tis,
      new Map([
        ["a", big],
        ["b", big],
      ]),
    );
    expect(found.changes).toEqual([
      {
        taskInstanceId: 2,
        from: "none",
        to: "failed",
        error:
          "Task 'each' would map to 1000000 task instances (the cross product of its sources); at most 100000 are allowed.",
      },
    ]);
  });
});

describe("mapped inputs", () => {
  it("gives each map index its item of the cross product, the last argument fastest", () => {
    const mapping = { expand: { a: { values: [1, 2] }, b: { from: "letters" } } };
    const results = new Map([["letters", ["x", "y", "z"]]]);
    expect(mapLength(mapping, results)).toBe(6);
    expect([0, 1, 2, 3, 5].map((i) => mappedInputs(mapping, results, i))).toEqual([
      { a: 1, b: "x" },
      { a: 1, b: "y" },
      { a: 1, b: "z" },
      { a: 2, b: "x" },
      { a: 2, b: "z" },
    ]);
  });

  it("maps an object's entries as pairs, and expandKwargs over argument objects", () => {
    expect(
      mappedInputs({ expand: { pair: { from: "o" } } }, new Map([["o", { k: 1 }]]), 0),
    ).toEqual({
      pair: ["k", 1],
    });
    const kwargs = { expandKwargs: { values: [{ host: "a" }, { host: "b", port: 2 }] } };
    expect(mappedInputs(kwargs, new Map(), 1)).toEqual({ host: "b", port: 2 });
    expect(mapLength(kwargs, new Map())).toBe(2);
    expect(mapLength({ expand: { x: { from: "later" } } }, new Map())).toBeUndefined();
  });
});
