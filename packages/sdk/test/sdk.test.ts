import {
  dagSpecSchema,
  type ParamType as ProtocolParamType,
  type TaskFlow as ProtocolTaskFlow,
  type TriggerRule as ProtocolTriggerRule,
} from "@borda/protocol";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  bash,
  branch,
  createTaskContext,
  type Dag,
  dag,
  getDagHandle,
  type ParamType,
  python,
  shortCircuit,
  type TaskContext,
  type TaskContextData,
  type TaskFlow,
  type TaskRef,
  type TriggerRule,
  task,
} from "../src/index.js";

function handleOf(value: Dag) {
  const handle = getDagHandle(value);
  if (!handle) throw new Error("no DAG handle");
  return handle;
}

function contextData(overrides: Partial<TaskContextData> = {}): TaskContextData {
  return {
    dagId: "d",
    runId: "manual__2026-01-01T00:00:00+00:00",
    taskId: "t",
    tryNumber: 1,
    logicalDate: "2026-01-01T00:00:00.000Z",
    dataIntervalStart: null,
    dataIntervalEnd: null,
    params: {},
    conf: {},
    inputs: {},
    upstream: {},
    ...overrides,
  };
}

/** What the worker holds for the task, as a runner would answer; "refused" is refused. */
const variables: Record<string, string> = {
  region: "eu-west",
  settings: '{"mode": "fast"}',
  broken: '{"api_key": s3cret-value}',
};

function refusal(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

function contextFor(
  overrides: Partial<TaskContextData> = {},
  signal = new AbortController().signal,
) {
  const lines: unknown[][] = [];
  const ctx = createTaskContext(contextData(overrides), {
    log: (...args) => lines.push(args),
    signal,
    connection: async (id) => {
      throw refusal(`Connection '${id}' is not defined.`, "not_found");
    },
    variable: async (key) => {
      if (key === "refused") throw refusal("Variable 'refused' is out of scope.", "forbidden");
      const value = variables[key];
      if (value === undefined) throw refusal(`Variable '${key}' is not defined.`, "not_found");
      return value;
    },
    dagState: async () => null,
  });
  return { ctx, lines };
}

describe("the DAG spec", () => {
  const etl = dag(
    {
      id: "etl",
      description: "extract, transform, load",
      schedule: "@daily",
      startDate: new Date("2021-01-01T00:00:00Z"),
      timezone: "Europe/Berlin",
      tags: ["example"],
      params: { day: { type: "string", default: "monday" } },
      defaultTaskOptions: { retries: 2, queue: "edge" },
    },
    ({ task }) => {
      const extract = task({ id: "extract", retryDelay: "30s", executionTimeout: "2h" }, () => [
        1, 2,
      ]);
      const check = task({ id: "check", queue: "default", maxRetryDelay: 90 }, () => true);
      const transform = task(
        { id: "transform", inputs: { rows: extract }, retryExponentialBackoff: true },
        (ctx) => ctx.inputs.rows.length,
      ).after(check, extract);
      task(
        { id: "load", triggerRule: "all_done", isolation: "process", retries: 0 },
        () => {},
      ).after(transform);
    },
  );

  it("applies defaults, converts durations and lists inputs and after() as upstream", () => {
    const spec = dagSpecSchema.parse(handleOf(etl).spec());
    expect(spec).toMatchObject({
      dagId: "etl",
      description: "extract, transform, load",
      schedule: "@daily",
      startDate: "2021-01-01T00:00:00.000Z",
      endDate: null,
      timezone: "Europe/Berlin",
      catchup: false,
      tags: ["example"],
      params: { day: { type: "string", default: "monday" } },
      maxActiveRuns: 16,
      maxActiveTasks: 16,
    });
    expect(spec.tasks.map((t) => t.taskId)).toEqual(["extract", "check", "transform", "load"]);
    const [extract, check, transform, load] = spec.tasks;
    expect(extract).toEqual({
      taskId: "extract",
      kind: "function",
      bashCommand: null,
      queue: "edge",
      pool: "default_pool",
      poolSlots: 1,
      retries: 2,
      retryDelayMs: 30_000,
      retryExponentialBackoff: false,
      maxRetryDelayMs: null,
      executionTimeoutMs: 7_200_000,
      triggerRule: "all_success",
      priorityWeight: 1,
      isolation: "warm",
      upstream: [],
      inputs: {},
    });
    expect(check).toMatchObject({
      queue: "default",
      retryDelayMs: 300_000,
      maxRetryDelayMs: 90_000,
    });
    expect(transform).toMatchObject({
      upstream: ["extract", "check"],
      inputs: { rows: "extract" },
      retryExponentialBackoff: true,
    });
    expect(load).toMatchObject({
      upstream: ["transform"],
      triggerRule: "all_done",
      isolation: "process",
      retries: 0,
    });
  });

  it("keeps plain dates as written, for the processor to read in the DAG's timezone", () => {
    const daily = dag({ id: "daily", schedule: "0 6 * * *", startDate: "2021-01-01" }, () => {
      task({ id: "only" }, () => {});
    });
    expect(handleOf(daily).spec()).toMatchObject({
      startDate: "2021-01-01",
      timezone: "UTC",
      schedule: "0 6 * * *",
    });
  });

  it("hands out a fresh copy of the spec each time", () => {
    const first = handleOf(etl).spec() as { tags: string[] };
    first.tags.push("mutated");
    expect(handleOf(etl).spec()).toMatchObject({ tags: ["example"] });
  });
});

describe("typing", () => {
  it("types ctx.params from the DAG's params", () => {
    dag(
      {
        id: "typed_params",
        params: {
          count: { type: "number", default: 1, minimum: 0 },
          whole: { type: "integer", default: 2 },
          name: { type: "string", default: "x" },
          dryRun: { type: "boolean", default: false },
          options: { type: "object", default: {} },
          items: { type: "array", default: [] },
          color: { type: "string", enum: ["red", "green"], default: "red" },
        },
      },
      ({ task, bash }) => {
        task({ id: "use" }, (ctx) => {
          expectTypeOf(ctx.params.count).toEqualTypeOf<number>();
          expectTypeOf(ctx.params.whole).toEqualTypeOf<number>();
          expectTypeOf(ctx.params.name).toEqualTypeOf<string>();
          expectTypeOf(ctx.params.dryRun).toEqualTypeOf<boolean>();
          expectTypeOf(ctx.params.options).toEqualTypeOf<Record<string, unknown>>();
          expectTypeOf(ctx.params.items).toEqualTypeOf<unknown[]>();
          expectTypeOf(ctx.params.color).toEqualTypeOf<"red" | "green">();
          // @ts-expect-error: not a param of this DAG
          ctx.params.missing;
        });
        bash({ id: "echo", command: (ctx) => `echo ${ctx.params.count.toFixed(2)}` });
      },
    );
  });

  it("types ctx.inputs from the upstream tasks' results, and a task's result from its function", () => {
    dag({ id: "typed_inputs" }, ({ task, bash }) => {
      const numbers = task({ id: "numbers" }, async () => [1, 2, 3]);
      const label = task({ id: "label" }, () => "total");
      const host = bash({ id: "host", command: "hostname" });
      expectTypeOf(numbers).toEqualTypeOf<TaskRef<number[]>>();
      expectTypeOf(host).toEqualTypeOf<TaskRef<string>>();
      const sum = task({ id: "sum", inputs: { numbers, label, host } }, (ctx) => {
        expectTypeOf(ctx.inputs).toEqualTypeOf<{
          numbers: number[];
          label: string;
          host: string;
        }>();
        return { [ctx.inputs.label]: ctx.inputs.numbers.reduce((a, b) => a + b, 0) };
      });
      expectTypeOf(sum).toEqualTypeOf<TaskRef<{ [x: string]: number }>>();
      task({ id: "alone" }, (ctx) => {
        expectTypeOf(ctx.inputs).toEqualTypeOf<Record<never, never>>();
      });
    });
  });

  it("gives free task() untyped params", () => {
    dag({ id: "free", params: { n: { type: "number", default: 1 } } }, () => {
      task({ id: "t" }, (ctx) => expectTypeOf(ctx.params).toEqualTypeOf<Record<string, unknown>>());
    });
  });

  it("states the same trigger rules and param types as protocol", () => {
    expectTypeOf<TriggerRule>().toEqualTypeOf<ProtocolTriggerRule>();
    expectTypeOf<ParamType>().toEqualTypeOf<ProtocolParamType>();
  });
});

describe("bash tasks", () => {
  const commands = dag({ id: "commands" }, () => {
    bash({ id: "static", command: "echo hello", env: { GREETING: "hi" }, cwd: "/tmp" });
    bash({ id: "computed", command: (ctx) => `echo ${ctx.runId} try ${ctx.tryNumber}` });
  });

  it("records a static command in the spec and leaves a computed one to run time", () => {
    const spec = dagSpecSchema.parse(handleOf(commands).spec());
    expect(spec.tasks.map((t) => [t.taskId, t.kind, t.bashCommand])).toEqual([
      ["static", "bash", "echo hello"],
      ["computed", "bash", null],
    ]);
  });

  it("builds the command from the context through the handle", () => {
    const { ctx } = contextFor({ runId: "r1", tryNumber: 2 });
    const computed = handleOf(commands).task("computed");
    const fixed = handleOf(commands).task("static");
    if (computed?.kind !== "bash" || fixed?.kind !== "bash") throw new Error("expected bash tasks");
    expect(computed.command(ctx)).toBe("echo r1 try 2");
    expect(fixed.command(ctx)).toBe("echo hello");
    expect(fixed.env).toEqual({ GREETING: "hi" });
    expect(fixed.cwd).toBe("/tmp");
    expect(computed.cwd).toBeNull();
  });
});

describe("branching and short-circuit", () => {
  const flows = dag(
    {
      id: "flows",
      params: { mode: { type: "string", enum: ["quick", "full"], default: "quick" } },
    },
    ({ task, branch, shortCircuit, python }) => {
      const pick = branch({ id: "pick", retries: 1 }, (ctx) =>
        ctx.params.mode === "quick" ? "quick" : ["full", "audit"],
      );
      const quick = task({ id: "quick" }, () => 1).after(pick);
      const full = task({ id: "full" }, () => 2).after(pick);
      task({ id: "audit" }, () => {}).after(pick);
      task({ id: "join", triggerRule: "none_failed_min_one_success" }, () => {}).after(quick, full);
      const any = shortCircuit({ id: "any", inputs: { quick } }, (ctx) => ctx.inputs.quick > 0);
      const direct = shortCircuit({ id: "direct", ignoreDownstreamTriggerRules: false }, () => 0);
      const all = shortCircuit({ id: "all", ignoreDownstreamTriggerRules: true }, () => "yes");
      task({ id: "report" }, () => {}).after(any, direct, all);
      python({ id: "py_pick", file: "flows.py", callable: "pick", flow: { kind: "branch" } });
      python({
        id: "py_check",
        file: "flows.py",
        callable: "check",
        flow: { kind: "short_circuit", ignoreDownstreamTriggerRules: false },
      });
    },
  );
  const spec = dagSpecSchema.parse(handleOf(flows).spec());
  const byId = (id: string) => spec.tasks.find((t) => t.taskId === id);

  it("marks a branch task's spec with its flow and operator, keeping its options", () => {
    expect(byId("pick")).toMatchObject({
      kind: "function",
      operator: "branch",
      flow: { kind: "branch" },
      retries: 1,
      triggerRule: "all_success",
    });
    expect(byId("pick")?.flow).toEqual({ kind: "branch" });
    expect(byId("join")).toMatchObject({
      upstream: ["quick", "full"],
      triggerRule: "none_failed_min_one_success",
    });
    expect(byId("join")?.flow).toBeUndefined();
    expect(byId("join")?.operator).toBeUndefined();
  });

  it("marks a short-circuit task's spec, stating ignoreDownstreamTriggerRules only when false", () => {
    expect(byId("any")).toMatchObject({ operator: "shortCircuit", inputs: { quick: "quick" } });
    expect(byId("any")?.flow).toEqual({ kind: "short_circuit" });
    expect(byId("direct")?.flow).toEqual({
      kind: "short_circuit",
      ignoreDownstreamTriggerRules: false,
    });
    // Absent means true to the control plane, and is what the Python SDK writes for it.
    expect(byId("all")?.flow).toEqual({ kind: "short_circuit" });
    expect(byId("report")?.upstream).toEqual(["any", "direct", "all"]);
  });

  it("lets a Python task branch or short-circuit through its flow option", () => {
    expect(byId("py_pick")).toMatchObject({ runtime: "python", operator: "python" });
    expect(byId("py_pick")?.flow).toEqual({ kind: "branch" });
    expect(byId("py_check")?.flow).toEqual({
      kind: "short_circuit",
      ignoreDownstreamTriggerRules: false,
    });
    expect(byId("quick")?.flow).toBeUndefined();
  });

  it("runs the function and hands back what it chose, the task's XCom", async () => {
    const pick = handleOf(flows).task("pick");
    const direct = handleOf(flows).task("direct");
    if (pick?.kind !== "function" || direct?.kind !== "function") {
      throw new Error("expected function tasks");
    }
    await expect(pick.run(contextFor({ params: { mode: "full" } }).ctx)).resolves.toEqual([
      "full",
      "audit",
    ]);
    await expect(pick.run(contextFor({ params: { mode: "quick" } }).ctx)).resolves.toBe("quick");
    await expect(direct.run(contextFor().ctx)).resolves.toBe(0);
  });

  it("rejects a branch or short-circuit without a function", () => {
    expect(() =>
      dag({ id: "no_function" }, ({ branch }) => {
        branch({ id: "b" }, undefined as unknown as () => null);
      }),
    ).toThrow("task 'b' needs a function to run: branch({ id }, async (ctx) => { ... })");
  });

  it("types a branch function's result as task ids, and a short-circuit's as anything", () => {
    dag(
      { id: "typed_flows", params: { n: { type: "integer", default: 1 } } },
      ({ branch, shortCircuit }) => {
        const one = branch({ id: "one" }, () => "a");
        const many = branch({ id: "many" }, async (ctx) => (ctx.params.n > 1 ? ["a", "b"] : []));
        const none = branch({ id: "none" }, () => null);
        const fixed: readonly string[] = ["a"];
        branch({ id: "readonly" }, () => fixed);
        expectTypeOf(one).toEqualTypeOf<TaskRef<"a">>();
        expectTypeOf(many).toEqualTypeOf<TaskRef<string[]>>();
        expectTypeOf(none).toEqualTypeOf<TaskRef<null>>();
        // @ts-expect-error: a branch returns task ids, not a number
        branch({ id: "number" }, () => 1);
        // @ts-expect-error: nor a list of numbers, even asynchronously
        branch({ id: "numbers" }, async () => [1, 2]);
        const check = shortCircuit({ id: "check", inputs: { many } }, (ctx) => {
          expectTypeOf(ctx.inputs.many).toEqualTypeOf<string[]>();
          expectTypeOf(ctx.params.n).toEqualTypeOf<number>();
          return { rows: ctx.inputs.many.length };
        });
        expectTypeOf(check).toEqualTypeOf<TaskRef<{ rows: number }>>();
        // @ts-expect-error: only a short-circuit has ignoreDownstreamTriggerRules
        branch({ id: "wrong_option", ignoreDownstreamTriggerRules: false }, () => null);
      },
    );
  });

  it("states the same flow as protocol", () => {
    expectTypeOf<TaskFlow>().toExtend<ProtocolTaskFlow>();
    expectTypeOf<TaskFlow["kind"]>().toEqualTypeOf<ProtocolTaskFlow["kind"]>();
  });
});

describe("sensors", () => {
  const sensing = dag({ id: "sensing" }, ({ task, sensor, python }) => {
    const ready = sensor(
      { id: "ready", mode: "reschedule", pokeInterval: "30s", timeout: "1h" },
      () => ({
        done: true,
        value: { rows: 3 },
      }),
    );
    sensor({ id: "plain", softFail: true, exponentialBackoff: true, retries: 2 }, () => false);
    task({ id: "after", inputs: { ready } }, (ctx) => {
      expectTypeOf(ctx.inputs.ready).toEqualTypeOf<{ rows: number }>();
      return ctx.inputs.ready.rows;
    });
    python({
      id: "py_ready",
      file: "checks.py",
      callable: "ready",
      sensor: { mode: "reschedule" },
    });
  });
  const spec = dagSpecSchema.parse(handleOf(sensing).spec());
  const byId = (id: string) => spec.tasks.find((t) => t.taskId === id);

  it("gives a sensor's spec its policy, with Airflow's defaults", () => {
    expect(byId("ready")).toMatchObject({
      operator: "sensor",
      sensor: {
        mode: "reschedule",
        pokeIntervalMs: 30_000,
        timeoutMs: 3_600_000,
        softFail: false,
        exponentialBackoff: false,
      },
    });
    expect(byId("plain")).toMatchObject({
      retries: 2,
      sensor: {
        mode: "poke",
        pokeIntervalMs: 60_000,
        timeoutMs: 7 * 24 * 3_600_000,
        softFail: true,
        exponentialBackoff: true,
      },
    });
    expect(byId("py_ready")?.sensor).toMatchObject({ mode: "reschedule", pokeIntervalMs: 60_000 });
    expect(byId("after")?.sensor).toBeUndefined();
  });

  it("runs one poke and hands back { done, value }, from a boolean too", async () => {
    const ready = handleOf(sensing).task("ready");
    const plain = handleOf(sensing).task("plain");
    if (ready?.kind !== "function" || plain?.kind !== "function") {
      throw new Error("expected function tasks");
    }
    await expect(ready.run(contextFor().ctx)).resolves.toEqual({ done: true, value: { rows: 3 } });
    await expect(plain.run(contextFor().ctx)).resolves.toEqual({ done: false });
  });

  it("rejects a poke result that is not one, and a mode that is not one", async () => {
    const bad = dag({ id: "bad_poke" }, ({ sensor }) => {
      sensor({ id: "bad" }, () => "yes" as unknown as boolean);
    });
    const task = handleOf(bad).task("bad");
    if (task?.kind !== "function") throw new Error("expected a function task");
    await expect(task.run(contextFor().ctx)).rejects.toThrow(
      `sensor 'bad': a poke returns true, false or { done, value }, not "yes".`,
    );
    expect(() =>
      dag({ id: "bad_mode" }, ({ sensor }) => {
        sensor({ id: "m", mode: "smart" as "poke" }, () => true);
      }),
    ).toThrow(`sensor 'm': mode must be "poke" or "reschedule", not 'smart'.`);
  });
});

describe("the DAG handle", () => {
  it("runs a task's function with the context", async () => {
    const greet = dag(
      { id: "greet", params: { name: { type: "string", default: "world" } } },
      ({ task }) => {
        task({ id: "hello" }, async (ctx) => {
          ctx.log("greeting", ctx.params.name);
          return `hello ${ctx.params.name} from ${ctx.dagId}.${ctx.taskId}`;
        });
      },
    );
    const { ctx, lines } = contextFor({
      dagId: "greet",
      taskId: "hello",
      params: { name: "edge" },
    });
    const hello = handleOf(greet).task("hello");
    if (hello?.kind !== "function") throw new Error("expected a function task");
    await expect(hello.run(ctx)).resolves.toBe("hello edge from greet.hello");
    expect(lines).toEqual([["greeting", "edge"]]);
    expect(handleOf(greet).task("missing")).toBeUndefined();
  });

  it("turns a synchronous throw into a rejected run", async () => {
    const failing = dag({ id: "failing" }, () => {
      task({ id: "boom" }, () => {
        throw new Error("boom");
      });
    });
    const boom = handleOf(failing).task("boom");
    if (boom?.kind !== "function") throw new Error("expected a function task");
    await expect(boom.run(contextFor().ctx)).rejects.toThrow("boom");
  });

  it("is recognised by a global symbol, and nothing else is", () => {
    const one = dag({ id: "one" }, () => {
      task({ id: "t" }, () => {});
    });
    expect(getDagHandle(one)?.version).toBe(1);
    expect(getDagHandle({ [Symbol.for("borda.dag")]: handleOf(one) })).toBe(handleOf(one));
    for (const value of [
      null,
      undefined,
      1,
      "dag",
      {},
      { [Symbol.for("borda.dag")]: { version: 2 } },
    ]) {
      expect(getDagHandle(value)).toBeNull();
    }
  });

  it("tells where the DAG and each task were declared", () => {
    const located = dag({ id: "located" }, () => {
      task({ id: "t" }, () => {});
    });
    expect(handleOf(located).declarationStack?.()).toContain("sdk.test.ts");
    expect(handleOf(located).declarationStack?.("t")).toContain("sdk.test.ts");
    expect(handleOf(located).declarationStack?.("missing")).toBeUndefined();
  });
});

describe("declaration errors", () => {
  it("rejects a task id declared twice in one DAG", () => {
    expect(() =>
      dag({ id: "twice" }, () => {
        task({ id: "same" }, () => {});
        bash({ id: "same", command: "true" });
      }),
    ).toThrow("Task id 'same' is declared twice in DAG 'twice'");
  });

  it("rejects task(), bash(), python(), branch() and shortCircuit() outside dag(), naming the call", () => {
    expect(() => task({ id: "loose" }, () => {})).toThrow("task() was called outside dag()");
    expect(() => bash({ id: "loose", command: "true" })).toThrow("bash() was called outside dag()");
    expect(() => python({ id: "loose", file: "x.py", callable: "run" })).toThrow(
      "python() was called outside dag()",
    );
    expect(() => branch({ id: "loose" }, () => null)).toThrow("branch() was called outside dag()");
    expect(() => shortCircuit({ id: "loose" }, () => true)).toThrow(
      "shortCircuit() was called outside dag()",
    );
  });

  it("declares a Python task by its file and function, with inputs from TypeScript tasks", () => {
    const handle = getDagHandle(
      dag({ id: "mixed" }, ({ task, python }) => {
        const numbers = task({ id: "numbers" }, () => [1, 2, 3]);
        const total = python({
          id: "total",
          file: "etl/stats.py",
          callable: "total",
          inputs: { values: numbers },
          retries: 2,
        });
        python({
          id: "report",
          file: "etl/stats.py",
          callable: "report",
          interpreter: "/opt/venv/bin/python",
        }).after(total);
      }),
    );
    if (!handle) throw new Error("dag() returned no DAG handle");
    const [, total, report] = (handle.spec() as { tasks: Record<string, unknown>[] }).tasks;
    expect(total).toMatchObject({
      taskId: "total",
      kind: "function",
      runtime: "python",
      operator: "python",
      python: { entry: "etl/stats.py", callable: "total", interpreter: null },
      upstream: ["numbers"],
      inputs: { values: "numbers" },
      retries: 2,
    });
    expect(report).toMatchObject({
      python: { interpreter: "/opt/venv/bin/python" },
      upstream: ["total"],
    });
    expect(() =>
      dag({ id: "bad" }, ({ python }) => {
        python({ id: "p", file: "etl/stats.txt", callable: "run" });
      }),
    ).toThrow(/needs a \.py file and the function in it/);
  });

  it("rejects a dependency on a task of another DAG", () => {
    let other: TaskRef | undefined;
    dag({ id: "first" }, () => {
      other = task({ id: "a" }, () => {});
    });
    expect(() =>
      dag({ id: "second" }, () => {
        task({ id: "b" }, () => {}).after(other as TaskRef);
      }),
    ).toThrow("is task 'a' of DAG 'first', not of DAG 'second'");
  });

  it("rejects tasks declared after the build function returned", () => {
    let late: ((id: string) => void) | undefined;
    dag({ id: "sealed" }, ({ task }) => {
      task({ id: "first" }, () => {});
      late = (id) => task({ id }, () => {});
    });
    expect(() => late?.("second")).toThrow(
      "task 'second' was declared after DAG 'sealed' was built",
    );
  });

  it("rejects an async build function", () => {
    expect(() =>
      dag({ id: "async_build" }, (async () => {
        task({ id: "t" }, () => {});
      }) as () => void),
    ).toThrow("must declare its tasks synchronously");
  });

  it("rejects a malformed duration, naming the option", () => {
    expect(() =>
      dag({ id: "durations" }, () => {
        task({ id: "t", retryDelay: "5 minutes" as "5m" }, () => {});
      }),
    ).toThrow(`retryDelay of task 't' "5 minutes" is not a duration`);
  });

  it("rejects a DAG without an id", () => {
    expect(() => dag({} as { id: string }, () => {})).toThrow("dag() needs an id");
  });
});

describe("the task context", () => {
  it("carries the run's data, with instants as Dates", () => {
    const { ctx } = contextFor({
      logicalDate: "2026-03-01T06:00:00.000Z",
      dataIntervalStart: "2026-02-28T06:00:00.000Z",
      dataIntervalEnd: "2026-03-01T06:00:00.000Z",
      upstream: { a: 1 },
    });
    expectTypeOf(ctx).toEqualTypeOf<TaskContext>();
    expect(ctx.logicalDate).toEqual(new Date("2026-03-01T06:00:00Z"));
    expect(ctx.dataIntervalStart).toEqual(new Date("2026-02-28T06:00:00Z"));
    expect(ctx.upstream).toEqual({ a: 1 });
  });

  it("reads a variable as text, or parsed as JSON", async () => {
    const { ctx } = contextFor();
    await expect(ctx.variable("region")).resolves.toBe("eu-west");
    await expect(ctx.variable("settings", { json: true })).resolves.toEqual({ mode: "fast" });
  });

  it("answers a variable's default only when it is defined nowhere, never when it is refused", async () => {
    const { ctx } = contextFor();
    await expect(ctx.variable("absent", { default: "fallback" })).resolves.toBe("fallback");
    await expect(ctx.variable("absent", { json: true, default: null })).resolves.toBeNull();
    await expect(ctx.variable("absent")).rejects.toThrow("Variable 'absent' is not defined.");
    await expect(ctx.variable("refused", { default: "fallback" })).rejects.toThrow(
      "Variable 'refused' is out of scope.",
    );
  });

  it("rejects a variable that is not JSON, naming it and not quoting its value", async () => {
    const error = await contextFor()
      .ctx.variable("broken", { json: true })
      .catch((caught: Error) => caught);
    expect((error as Error).message).toMatch(/^Variable 'broken' is not valid JSON/);
    expect((error as Error).message).not.toContain("s3cret");
  });

  it("types a variable as text, as JSON of the caller's choosing, or as its default", () => {
    const { ctx } = contextFor();
    expectTypeOf(ctx.variable("region")).resolves.toEqualTypeOf<string>();
    expectTypeOf(ctx.variable("region", { default: null })).resolves.toEqualTypeOf<string | null>();
    expectTypeOf(ctx.variable("settings", { json: true })).resolves.toEqualTypeOf<unknown>();
    expectTypeOf(
      ctx.variable<{ mode: string }>("settings", { json: true }),
    ).resolves.toEqualTypeOf<{ mode: string }>();
  });

  it("sleeps until the time has passed", async () => {
    await expect(contextFor().ctx.sleep(1)).resolves.toBeUndefined();
  });

  it("stops sleeping with the abort reason when the signal aborts", async () => {
    const controller = new AbortController();
    const { ctx } = contextFor({}, controller.signal);
    const sleeping = ctx.sleep(60_000);
    const reason = new Error("execution timeout");
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
  });

  it("rejects a sleep at once when the signal has already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(contextFor({}, controller.signal).ctx.sleep(60_000)).rejects.toMatchObject({
      name: "AbortError",
    });
  });
});
