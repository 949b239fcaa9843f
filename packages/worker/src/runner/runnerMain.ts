import { pathToFileURL } from "node:url";
import { format } from "node:util";
import type { CallbackInfo, ExternalStateResponse, TaskConnection } from "@borda/protocol";
import {
  type Connection,
  createTaskContext,
  type DagHandle,
  getDagHandle,
  isSkipTask,
  type TaskContext,
  type TaskRuntime,
} from "@borda/sdk";
import type {
  AnswerError,
  FromRunner,
  RunnerQuestion,
  RunOutcome,
  ToRunner,
} from "./runnerMessages.js";

/**
 * What a runner process does: imports one DAG bundle once, then runs the tasks the
 * worker sends it, one at a time, over IPC. `ctx.log` writes to stdout, in order with the
 * task's own output; `ctx.connection()` and `ctx.variable()` ask the worker (`ask`, then
 * `answer`). It exits when the worker goes away. Source maps are on, so a task's
 * stack points at the user's file. Started from the packages through runnerChild.ts; a
 * single-file worker calls it itself (packages/cli/src/workerMain.ts).
 */
export async function runnerMain(bundlePath: string): Promise<void> {
  // Not the --enable-source-maps flag: a single executable takes no Node flags.
  process.setSourceMapsEnabled(true);
  process.on("disconnect", () => process.exit(0));

  let dags: Map<string, DagHandle>;
  try {
    dags = collectDags(await import(pathToFileURL(bundlePath).href));
  } catch (error) {
    await send({ type: "loadFailed", error: `Importing the DAG bundle threw: ${describe(error)}` });
    process.exit(1);
  }
  await send({ type: "loaded" });

  let running: AbortController | null = null;
  process.on("message", (message: ToRunner) => {
    if (message.type === "abort") running?.abort(new Error(message.reason));
    else if (message.type === "answer") {
      const settle = waiting.get(message.requestId);
      waiting.delete(message.requestId);
      settle?.(message);
    } else if (message.type === "run") {
      const controller = new AbortController();
      running = controller;
      void run(dags, message, controller.signal, () => {
        running = null;
      });
    }
  });
}

type Answer = Extract<ToRunner, { type: "answer" }>;

/** Asks in flight, by request id: each settles with its answer. */
const waiting = new Map<number, (answer: Answer) => void>();
let lastRequestId = 0;

/** Asks the worker; an abort of `signal` stops the wait with its reason. */
function ask(question: RunnerQuestion, signal: AbortSignal): Promise<Answer> {
  const requestId = ++lastRequestId;
  return new Promise<Answer>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      waiting.delete(requestId);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    waiting.set(requestId, (answer) => {
      signal.removeEventListener("abort", onAbort);
      resolve(answer);
    });
    void send({ type: "ask", requestId, question });
  });
}

/**
 * How a task reads connections and variables: by asking the worker. The errors are made
 * here, after the answer is awaited, so their stacks lead back to the task's own call.
 */
function secretsRuntime(signal: AbortSignal): Pick<TaskRuntime, "connection" | "variable"> {
  return {
    connection: async (id) => {
      const answer = await ask({ kind: "connection", connId: id }, signal);
      if (answer.error) throw answerError(answer.error);
      return toConnection(answer.value as TaskConnection);
    },
    variable: async (key) => {
      const answer = await ask({ kind: "variable", key }, signal);
      if (answer.error) throw answerError(answer.error);
      return answer.value as string;
    },
  };
}

/** How a task reads another DAG's state (an external-task sensor): by asking the worker. */
function dagStateRuntime(signal: AbortSignal): Pick<TaskRuntime, "dagState"> {
  return {
    dagState: async (request) => {
      const answer = await ask({ kind: "externalState", ...request }, signal);
      if (answer.error) throw answerError(answer.error);
      return (answer.value as ExternalStateResponse | undefined)?.state ?? null;
    },
  };
}

/** The worker's refusal as an Error with its code (`not_found` lets a default apply). */
function answerError(error: AnswerError): Error & { code: AnswerError["code"] } {
  const made = new Error(error.message);
  Error.captureStackTrace(made, answerError);
  return Object.assign(made, { code: error.code });
}

async function toConnection(connection: TaskConnection): Promise<Connection> {
  // Loaded by the first task that reads a connection: most runners never pay for protocol.
  const { connectionUri } = await import("@borda/protocol/edge");
  return {
    id: connection.connId,
    type: connection.connType,
    description: connection.description,
    host: connection.host,
    port: connection.port,
    login: connection.login,
    password: connection.password,
    schema: connection.schema,
    extra:
      connection.extra === null ? {} : (JSON.parse(connection.extra) as Record<string, unknown>),
    uri: connectionUri(connection),
  };
}

function send(message: FromRunner): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) throw new Error("a runner process must be started with an IPC channel");
    process.send(message, () => resolve());
  });
}

async function run(
  dags: Map<string, DagHandle>,
  request: Extract<ToRunner, { type: "run" }>,
  signal: AbortSignal,
  ended: () => void,
): Promise<void> {
  Object.assign(process.env, request.env);
  let outcome: RunOutcome;
  try {
    outcome = await runTask(dags, request, signal);
  } catch (error) {
    outcome = isSkipTask(error)
      ? { kind: "skipped", reason: error.message || "The task threw SkipTask." }
      : { kind: "failed", error: describe(error) };
  } finally {
    for (const name of Object.keys(request.env)) delete process.env[name];
    ended();
  }
  // The marker follows everything the task wrote; the worker waits for it on both streams.
  await Promise.all([
    write(process.stdout, request.endMarker),
    write(process.stderr, request.endMarker),
  ]);
  await send({ type: "done", outcome });
}

async function runTask(
  dags: Map<string, DagHandle>,
  request: Extract<ToRunner, { type: "run" }>,
  signal: AbortSignal,
): Promise<RunOutcome> {
  const dag = dags.get(request.dagId);
  if (!dag) {
    return {
      kind: "failed",
      error: `The DAG bundle exports no DAG '${request.dagId}' (it has ${[...dags.keys()].map((id) => `'${id}'`).join(", ") || "none"}).`,
    };
  }
  const ctx = createTaskContext(request.context, {
    log: (...args: unknown[]) => process.stdout.write(`${format(...args)}\n`),
    signal,
    ...secretsRuntime(signal),
    ...dagStateRuntime(signal),
  });
  if (request.callback) return runCallback(dag, request.taskId, request.callback, ctx);
  const task = dag.task(request.taskId);
  if (!task) {
    return { kind: "failed", error: `DAG '${request.dagId}' has no task '${request.taskId}'.` };
  }
  if (task.kind === "bash") {
    return { kind: "bash", command: task.command(ctx), env: { ...task.env }, cwd: task.cwd };
  }
  return serialise(await task.run(ctx), request.maxReturnValueBytes);
}

/** Runs the callback the DAG or the task declares for the event; its return value is ignored. */
async function runCallback(
  dag: DagHandle,
  taskId: string,
  callback: CallbackInfo,
  ctx: TaskContext,
): Promise<RunOutcome> {
  const fn = dag.callback?.(callback.scope, taskId, callback.event);
  if (!fn) {
    const whose = callback.scope === "dag" ? "The DAG" : `Task '${taskId}'`;
    return {
      kind: "failed",
      error: `${whose} declares no ${callback.event} callback in this bundle (was the DAG file changed?).`,
    };
  }
  await fn({ ...ctx, callback });
  return { kind: "returned", json: null };
}

/** The return value as JSON, or why it cannot be a task's result (an XCom). */
function serialise(value: unknown, limit: number): RunOutcome {
  if (value === undefined) return { kind: "returned", json: null };
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    return {
      kind: "failed",
      error: `The task's return value is not JSON-serialisable (${(error as Error).message}): return plain data (objects, arrays, strings, numbers, booleans, null).`,
    };
  }
  if (json === undefined) {
    return {
      kind: "failed",
      error: `The task returned a ${typeof value}, which is not JSON-serialisable: return plain data.`,
    };
  }
  const bytes = Buffer.byteLength(json, "utf8");
  if (bytes > limit) {
    return {
      kind: "failed",
      error: `The task's return value is ${formatBytes(bytes)}; the limit is ${formatBytes(limit)}: return a reference (a path, a URL) instead.`,
    };
  }
  return { kind: "returned", json };
}

function collectDags(module: Record<string, unknown>): Map<string, DagHandle> {
  const found = new Map<string, DagHandle>();
  for (const value of Object.values(module)) {
    const handle = getDagHandle(value);
    const dagId = (handle?.spec() as { dagId?: unknown } | undefined)?.dagId;
    if (handle && typeof dagId === "string") found.set(dagId, handle);
  }
  return found;
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

/** An error as the task's log and failure show it: the stack (which starts with the message). */
function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return `The task threw a non-error value: ${format("%o", error)}`;
}

function formatBytes(bytes: number): string {
  const units = [
    ["MiB", 1024 * 1024],
    ["KiB", 1024],
  ] as const;
  for (const [unit, size] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}
