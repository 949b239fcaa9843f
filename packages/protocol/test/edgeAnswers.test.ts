import {
  type Check,
  checkAttemptAck,
  checkCallbackAck,
  checkEdgeHealth,
  checkExternalStateResponse,
  checkFetchResponse,
  checkLogAck,
  checkProblem,
  checkRegisterResponse,
  checkTaskConnection,
  checkTaskVariable,
  checkWorkerDirectives,
  checkXcomPullResponse,
} from "@borda/protocol/edge";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  attemptAckSchema,
  callbackAckSchema,
  edgeHealthSchema,
  fetchResponseSchema,
  logAckSchema,
  problemSchema,
  registerResponseSchema,
  taskConnectionSchema,
  taskVariableSchema,
  workerDirectivesSchema,
  xcomPullResponseSchema,
} from "../src/edge.js";
import { externalStateResponseSchema } from "../src/sensors.js";

/**
 * The worker checks the control plane's answers by hand (edgeAnswers.ts) because it loads
 * no zod; the control plane answers with edge.ts's zod schemas. Each check must accept
 * exactly what its schema accepts, and return what the schema returns (unknown keys
 * dropped). Every message below is fed to both, whole and with each of its fields in turn
 * removed or replaced by a value of another type or out of range.
 */

const directives = {
  queues: ["default", "team_a_*"],
  concurrency: 16,
  maintenance: true,
  maintenanceComment: "disk swap on Tuesday",
  shutdown: false,
  cancelAttemptIds: ["a-17", "a-18"],
};

const context = {
  dagId: "etl",
  runId: "asset_triggered__2026-11-21T00:00:00+00:00",
  taskId: "load",
  tryNumber: 2,
  mapIndex: 3,
  logicalDate: "2026-11-21T00:00:00.000Z",
  dataIntervalStart: "2026-11-20T00:00:00.000Z",
  dataIntervalEnd: null,
  params: { table: "orders", limit: 10, nested: { on: true } },
  conf: { full: false },
  inputs: { rows: [1, 2, 3] },
  upstream: { extract: { rows: 3 } },
  triggeringAssetEvents: {
    "s3://lake/orders": [
      {
        uri: "s3://lake/orders",
        extra: { rows: 3 },
        sourceDagId: "ingest",
        sourceRunId: "scheduled__2026-11-21",
        sourceTaskId: "write",
        sourceMapIndex: -1,
        timestamp: "2026-11-21T00:05:00.000Z",
      },
      {
        uri: "s3://lake/orders",
        extra: {},
        sourceDagId: null,
        sourceRunId: null,
        sourceTaskId: null,
        sourceMapIndex: null,
        timestamp: "2026-11-21T00:06:00.000Z",
      },
    ],
  },
};

const nodeJob = {
  attemptId: "a-20",
  dagId: "etl",
  runId: context.runId,
  taskId: "load",
  mapIndex: 3,
  tryNumber: 2,
  queue: "default",
  pool: "default_pool",
  poolSlots: 1,
  bundleHash: "9f2c",
  kind: "function",
  isolation: "warm",
  executionTimeoutMs: 60_000,
  context,
};

const pythonSensorJob = {
  ...nodeJob,
  attemptId: "a-21",
  taskId: "wait_for_file",
  mapIndex: -1,
  kind: "function",
  runtime: "python",
  python: {
    entry: "sensors/files.py",
    callable: "wait_for_file",
    interpreter: "/opt/venv/bin/python",
    bundleHash: "77ab",
  },
  isolation: "process",
  executionTimeoutMs: null,
  sensor: {
    mode: "reschedule",
    pokeIntervalMs: 30_000,
    timeoutMs: 3_600_000,
    softFail: true,
    exponentialBackoff: false,
  },
  context: { ...context, taskId: "wait_for_file", mapIndex: undefined },
};

const bashJob = {
  ...nodeJob,
  attemptId: "a-22",
  taskId: "bash_cleanup",
  kind: "bash",
  runtime: "node",
  python: { entry: "dags/etl.py", callable: null },
  context: { ...context, taskId: "bash_cleanup", triggeringAssetEvents: {} },
};

const callbackJob = {
  callbackId: "cb-4",
  claimId: "claim-9",
  dagId: "etl",
  runId: context.runId,
  taskId: "load",
  mapIndex: 3,
  queue: "default",
  bundleHash: "9f2c",
  timeoutMs: 30_000,
  context,
  callback: {
    event: "failure",
    scope: "task",
    taskState: "failed",
    runState: null,
    exception: { type: "ValueError", message: "no rows" },
    reason: null,
  },
};

const dagCallbackJob = {
  ...callbackJob,
  callbackId: "cb-5",
  runtime: "python",
  python: { entry: "dags/etl.py", callable: "on_run_failed", bundleHash: null },
  callback: {
    event: "success",
    scope: "dag",
    taskState: "success",
    runState: "success",
    exception: null,
    reason: "all leaves succeeded",
  },
};

const fetchResponse = {
  jobs: [nodeJob, pythonSensorJob, bashJob],
  callbacks: [callbackJob, dagCallbackJob],
  directives,
};

/** Each answer the worker receives, its check, its schema, and realistic examples. */
const answers: {
  name: string;
  check: Check<unknown>;
  schema: z.ZodType;
  examples: unknown[];
}[] = [
  {
    name: "RegisterResponse",
    check: checkRegisterResponse,
    schema: registerResponseSchema,
    examples: [
      {
        directives,
        heartbeatIntervalMs: 5000,
        fetchWaitMs: 25_000,
        serverVersion: "0.9.0",
        workerTimeoutMs: 15_000,
      },
      { directives, heartbeatIntervalMs: 5000, fetchWaitMs: 25_000, serverVersion: "0.8.0" },
    ],
  },
  {
    name: "WorkerDirectives",
    check: checkWorkerDirectives,
    schema: workerDirectivesSchema,
    examples: [directives, { ...directives, maintenanceComment: null, cancelAttemptIds: [] }],
  },
  {
    name: "FetchResponse",
    check: checkFetchResponse,
    schema: fetchResponseSchema,
    examples: [
      fetchResponse,
      { jobs: [], directives },
      { jobs: [{ ...nodeJob, started: true }], directives },
    ],
  },
  {
    name: "AttemptAck",
    check: checkAttemptAck,
    schema: attemptAckSchema,
    examples: [
      { attemptId: "a-20", state: "success" },
      { attemptId: "a-21", state: "failed", next: fetchResponse },
    ],
  },
  {
    name: "CallbackAck",
    check: checkCallbackAck,
    schema: callbackAckSchema,
    examples: [{ callbackId: "cb-4", state: "delivered" }],
  },
  {
    name: "LogAck",
    check: checkLogAck,
    schema: logAckSchema,
    examples: [{ nextOffset: 0 }, { nextOffset: 262_144 }],
  },
  {
    name: "ExternalStateResponse",
    check: checkExternalStateResponse,
    schema: externalStateResponseSchema,
    examples: [{ state: "success", exists: true }, { state: null }],
  },
  {
    name: "TaskConnection",
    check: checkTaskConnection,
    schema: taskConnectionSchema,
    examples: [
      {
        connId: "warehouse",
        connType: "postgres",
        description: "the warehouse",
        host: "db.internal",
        port: 5432,
        login: "etl",
        password: "s3cret",
        schema: "public",
        extra: '{"sslmode":"require"}',
      },
      {
        connId: "slack",
        connType: "http",
        description: null,
        host: null,
        port: null,
        login: null,
        password: null,
        schema: null,
        extra: null,
      },
    ],
  },
  {
    name: "TaskVariable",
    check: checkTaskVariable,
    schema: taskVariableSchema,
    examples: [{ key: "threshold", value: "0.7" }],
  },
  {
    name: "XcomPullResponse",
    check: checkXcomPullResponse,
    schema: xcomPullResponseSchema,
    examples: [
      {
        values: [
          { taskId: "extract", value: { rows: 3 } },
          { taskId: "mapped", value: [1, null, "three"] },
          { taskId: "nothing", value: null },
        ],
      },
      { values: [] },
    ],
  },
  {
    name: "EdgeHealth",
    check: checkEdgeHealth,
    schema: edgeHealthSchema,
    examples: [{ status: "ok", version: "0.9.0", protocolVersion: "1.4" }],
  },
  {
    name: "Problem",
    check: checkProblem,
    schema: problemSchema,
    examples: [
      {
        status: 409,
        title: "Conflict",
        detail: "attempt a-20 is no longer current",
        type: "about:blank",
        code: "stale_attempt",
        details: { expectedOffset: 1024 },
      },
      { status: 404, title: "Not Found", detail: "no such", type: "about:blank", code: "x" },
    ],
  },
];

type Path = (string | number)[];

/** The path of every value inside `value` (not `value` itself), outermost first. */
function pathsIn(value: unknown, path: Path = []): Path[] {
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const at = [...path, Array.isArray(value) ? Number(key) : key];
    return [at, ...pathsIn(item, at)];
  });
}

const removed = Symbol("removed");

/** A copy of `value` with the value at `path` replaced (or removed). */
function replaced(value: unknown, path: Path, replacement: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  const next = replaced(copy[key], rest, replacement);
  if (next === removed) delete copy[key];
  else copy[key] = next;
  return copy;
}

/** Values of other types, and out of range, for a field that holds `value`. */
function wrongFor(value: unknown): unknown[] {
  const other = [removed, null, "7", 7, true, {}, []];
  if (typeof value === "number") other.push(-1, 0, 1.5, 2 ** 53);
  if (typeof value === "string") other.push("", "not a queue!", "x".repeat(1001));
  return other.filter((candidate) => !Object.is(candidate, value));
}

/** Whether `check` accepts `value`; when it does, what it returns. */
function byCheck(check: Check<unknown>, value: unknown) {
  try {
    return { accepted: true, data: check(value, "") };
  } catch {
    return { accepted: false };
  }
}

function byZod(schema: z.ZodType, value: unknown) {
  const parsed = schema.safeParse(value);
  return parsed.success ? { accepted: true, data: parsed.data } : { accepted: false };
}

/** JSON has no undefined: examples are sent as the control plane would send them. */
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe("the worker's checks of the control plane's answers", () => {
  for (const { name, check, schema, examples } of answers) {
    it(`accepts a ${name} as its zod schema does, and returns the same`, () => {
      for (const example of examples.map(wire)) {
        expect(byZod(schema, example).accepted).toBe(true);
        expect(byCheck(check, example)).toEqual(byZod(schema, example));
        // A newer control plane's fields are dropped, as zod drops them.
        const newer = { ...(example as object), addedIn2Point0: { any: "thing" } };
        expect(byCheck(check, newer)).toEqual(byZod(schema, example));
      }
    });

    it(`refuses what its zod schema refuses in a ${name}, field by field`, () => {
      let refusals = 0;
      for (const example of examples.map(wire)) {
        for (const path of pathsIn(example)) {
          const field = path.reduce<unknown>(
            (at, key) => (at as Record<string | number, unknown>)[key],
            example,
          );
          for (const wrong of wrongFor(field)) {
            const message = wire(replaced(example, path, wrong));
            const expected = byZod(schema, message);
            if (!expected.accepted) refusals++;
            expect(byCheck(check, message), `${path.join(".")} = ${String(wrong)}`).toEqual(
              expected,
            );
          }
        }
      }
      // Both were shown messages zod refuses, not only ones it accepts.
      expect(refusals).toBeGreaterThan(0);
    });
  }

  it("says which field is wrong, and what it must be", () => {
    const message = wire(
      replaced(fetchResponse, ["jobs", 1, "sensor", "timeoutMs"], 0),
    ) as typeof fetchResponse;
    expect(() => checkFetchResponse(message, "")).toThrow(
      "jobs[1].sensor.timeoutMs must be a whole number ≥ 1; got 0",
    );
    expect(() => checkTaskConnection({ connId: "x", connType: 5 }, "")).toThrow(
      "connType must be a string; got 5",
    );
    // A refused string is described, never quoted: it may be a password.
    expect(() => checkLogAck({ nextOffset: "s3cret" }, "")).toThrow(
      "nextOffset must be a whole number ≥ 0; got a string of 6 characters",
    );
    expect(() => checkAttemptAck([], "")).toThrow("the value must be an object; got an array");
  });

  it("reads protocol 1.5's fields: a job started at its claim, and the next jobs on an ack", () => {
    const started = { ...nodeJob, started: true };
    const next = { jobs: [started], callbacks: [callbackJob], directives };
    const ack = wire({ attemptId: "a-20", state: "success", next }) as { next: unknown };
    expect(checkAttemptAck(ack, "")).toEqual(attemptAckSchema.parse(ack));
    expect(checkAttemptAck(ack, "").next?.jobs[0]).toMatchObject({ started: true });
    expect(() =>
      checkFetchResponse(wire({ ...next, jobs: [{ ...started, started: 1 }] }), ""),
    ).toThrow("jobs[0].started must be true or false; got 1");
  });
});
