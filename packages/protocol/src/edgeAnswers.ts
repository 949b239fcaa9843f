import type { CallbackInfo } from "./callbacks.js";
import type { PythonTask } from "./dagSpec.js";
import type {
  AttemptAck,
  CallbackAck,
  CallbackJob,
  EdgeHealth,
  FetchResponse,
  Job,
  LogAck,
  Problem,
  RegisterResponse,
  TaskConnection,
  TaskVariable,
  TriggeringAssetEvent,
  WorkerDirectives,
  XcomPullResponse,
} from "./edge.js";
import { queuePattern, queuePatternRule } from "./namePatterns.js";
import { SensorMode } from "./sensorPolicy.js";
import type { ExternalStateResponse, Sensor } from "./sensors.js";
import {
  CallbackEvent,
  CallbackScope,
  Isolation,
  maxPythonCallableChars,
  maxPythonPathChars,
  TaskKind,
  TaskRuntime,
} from "./taskTerms.js";
import {
  arrayOf,
  boolean,
  type Check,
  fieldsOf,
  jsonValue,
  matching,
  nullable,
  oneOf,
  recordOf,
  string,
  stringOf,
  wholeNumber,
} from "./valueChecks.js";

/**
 * The worker's checks of the control plane's answers: one per message of edge.ts that
 * the worker receives, accepting exactly what its zod schema accepts (the schema is the
 * control plane's, which answers with it; test/edgeAnswers.test.ts feeds both the same
 * messages). They exist because the worker loads no zod (docs/internals.md, "The worker
 * loads no zod"). A field added to a schema is one line here.
 */

const anyJson = recordOf(jsonValue);
const nullableString = nullable(string);
const positive = wholeNumber(1);

export const checkWorkerDirectives: Check<WorkerDirectives> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    queues: field("queues", arrayOf(matching(queuePattern, queuePatternRule))),
    concurrency: field("concurrency", positive),
    maintenance: field("maintenance", boolean),
    maintenanceComment: field("maintenanceComment", nullableString),
    shutdown: field("shutdown", boolean),
    cancelAttemptIds: field("cancelAttemptIds", arrayOf(string)),
  };
};

export const checkRegisterResponse: Check<RegisterResponse> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    directives: field("directives", checkWorkerDirectives),
    heartbeatIntervalMs: field("heartbeatIntervalMs", positive),
    fetchWaitMs: field("fetchWaitMs", positive),
    serverVersion: field("serverVersion", string),
    ...field.optional("workerTimeoutMs", positive),
  };
};

const triggeringAssetEvent: Check<TriggeringAssetEvent> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    uri: field("uri", string),
    extra: field("extra", anyJson),
    sourceDagId: field("sourceDagId", nullableString),
    sourceRunId: field("sourceRunId", nullableString),
    sourceTaskId: field("sourceTaskId", nullableString),
    sourceMapIndex: field("sourceMapIndex", nullable(wholeNumber())),
    timestamp: field("timestamp", string),
  };
};

const jobContext: Check<Job["context"]> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    dagId: field("dagId", string),
    runId: field("runId", string),
    taskId: field("taskId", string),
    tryNumber: field("tryNumber", wholeNumber()),
    ...field.optional("mapIndex", wholeNumber()),
    logicalDate: field("logicalDate", string),
    dataIntervalStart: field("dataIntervalStart", nullableString),
    dataIntervalEnd: field("dataIntervalEnd", nullableString),
    params: field("params", anyJson),
    conf: field("conf", anyJson),
    inputs: field("inputs", anyJson),
    upstream: field("upstream", anyJson),
    ...field.optional("triggeringAssetEvents", recordOf(arrayOf(triggeringAssetEvent))),
  };
};

const pythonTask: Check<PythonTask> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    entry: field("entry", stringOf(1, maxPythonPathChars)),
    callable: field("callable", nullable(stringOf(0, maxPythonCallableChars))),
    ...field.optional("interpreter", nullable(stringOf(0, maxPythonPathChars))),
    ...field.optional("bundleHash", nullableString),
  };
};

const sensor: Check<Sensor> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    mode: field("mode", oneOf([SensorMode.poke, SensorMode.reschedule])),
    pokeIntervalMs: field("pokeIntervalMs", wholeNumber(0)),
    timeoutMs: field("timeoutMs", positive),
    softFail: field("softFail", boolean),
    exponentialBackoff: field("exponentialBackoff", boolean),
  };
};

const runtime = oneOf([TaskRuntime.node, TaskRuntime.python]);

const job: Check<Job> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    attemptId: field("attemptId", string),
    dagId: field("dagId", string),
    runId: field("runId", string),
    taskId: field("taskId", string),
    mapIndex: field("mapIndex", wholeNumber()),
    tryNumber: field("tryNumber", positive),
    queue: field("queue", string),
    pool: field("pool", string),
    poolSlots: field("poolSlots", positive),
    bundleHash: field("bundleHash", string),
    kind: field("kind", oneOf([TaskKind.function, TaskKind.bash])),
    ...field.optional("runtime", runtime),
    ...field.optional("python", pythonTask),
    isolation: field("isolation", oneOf([Isolation.warm, Isolation.process])),
    executionTimeoutMs: field("executionTimeoutMs", nullable(positive)),
    ...field.optional("sensor", sensor),
    context: field("context", jobContext),
    ...field.optional("started", boolean),
  };
};

const callbackInfo: Check<CallbackInfo> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    event: field(
      "event",
      oneOf([CallbackEvent.success, CallbackEvent.failure, CallbackEvent.retry]),
    ),
    scope: field("scope", oneOf([CallbackScope.task, CallbackScope.dag])),
    taskState: field("taskState", nullableString),
    runState: field("runState", nullableString),
    exception: field(
      "exception",
      nullable((exception, where) => {
        const part = fieldsOf(exception, where);
        return { type: part("type", string), message: part("message", string) };
      }),
    ),
    reason: field("reason", nullableString),
  };
};

const callbackJob: Check<CallbackJob> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    callbackId: field("callbackId", string),
    claimId: field("claimId", string),
    dagId: field("dagId", string),
    runId: field("runId", string),
    taskId: field("taskId", string),
    mapIndex: field("mapIndex", wholeNumber()),
    queue: field("queue", string),
    bundleHash: field("bundleHash", string),
    ...field.optional("runtime", runtime),
    ...field.optional("python", pythonTask),
    timeoutMs: field("timeoutMs", positive),
    context: field("context", jobContext),
    callback: field("callback", callbackInfo),
  };
};

export const checkFetchResponse: Check<FetchResponse> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    jobs: field("jobs", arrayOf(job)),
    ...field.optional("callbacks", arrayOf(callbackJob)),
    directives: field("directives", checkWorkerDirectives),
  };
};

export const checkAttemptAck: Check<AttemptAck> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    attemptId: field("attemptId", string),
    state: field("state", string),
    ...field.optional("next", checkFetchResponse),
  };
};

export const checkCallbackAck: Check<CallbackAck> = (value, at) => {
  const field = fieldsOf(value, at);
  return { callbackId: field("callbackId", string), state: field("state", string) };
};

export const checkLogAck: Check<LogAck> = (value, at) => ({
  nextOffset: fieldsOf(value, at)("nextOffset", wholeNumber(0)),
});

export const checkExternalStateResponse: Check<ExternalStateResponse> = (value, at) => {
  const field = fieldsOf(value, at);
  return { state: field("state", nullableString), ...field.optional("exists", boolean) };
};

export const checkXcomPullResponse: Check<XcomPullResponse> = (value, at) => ({
  values: fieldsOf(value, at)(
    "values",
    arrayOf((entry, where) => {
      const field = fieldsOf(entry, where);
      return { taskId: field("taskId", string), value: field("value", jsonValue) };
    }),
  ),
});

export const checkTaskConnection: Check<TaskConnection> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    connId: field("connId", string),
    connType: field("connType", string),
    description: field("description", nullableString),
    host: field("host", nullableString),
    port: field("port", nullable(wholeNumber())),
    login: field("login", nullableString),
    password: field("password", nullableString),
    schema: field("schema", nullableString),
    extra: field("extra", nullableString),
  };
};

export const checkTaskVariable: Check<TaskVariable> = (value, at) => {
  const field = fieldsOf(value, at);
  return { key: field("key", string), value: field("value", string) };
};

export const checkEdgeHealth: Check<EdgeHealth> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    status: field("status", oneOf(["ok"])),
    version: field("version", string),
    protocolVersion: field("protocolVersion", string),
  };
};

export const checkProblem: Check<Problem> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    status: field("status", wholeNumber()),
    title: field("title", string),
    detail: field("detail", string),
    type: field("type", string),
    code: field("code", string),
    ...field.optional("details", anyJson),
  };
};
