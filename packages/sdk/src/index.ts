/**
 * What DAG files import (through the `borda` package): `dag()`, `task()`, `bash()` and
 * their types, plus the pieces the processes that load a DAG bundle use: the DAG handle
 * and the task context. No runtime dependencies: this code is bundled into every DAG.
 */
export {
  type Asset,
  type AssetCondition,
  type AssetOptions,
  allOf,
  anyOf,
  asset,
} from "./asset.js";
export {
  type CallbackContext,
  type CallbackDetails,
  type CallbackFunction,
  type CallbackOption,
  emailNotifier,
  type Notifier,
  slackNotifier,
  webhookNotifier,
} from "./callbacks.js";
export { type DagToolkit, dag } from "./dag.js";
export type { Dag } from "./dagBuilder.js";
export { type DagHandle, getDagHandle, type TaskHandle } from "./dagHandle.js";
export type { DagOptions } from "./dagOptions.js";
export type { Duration } from "./duration.js";
export type { ParamSpec, ParamSpecs, ParamType, ParamValue, ParamValues } from "./params.js";
export type { PokeResult, SensorMode, SensorPolicy } from "./sensor.js";
export { isSkipTask, SkipTask } from "./skipTask.js";
export {
  type BashFunction,
  type BranchFunction,
  type BranchResult,
  bash,
  branch,
  type MappedTaskFunction,
  mappedTask,
  type PythonFunction,
  python,
  type SensorFunction,
  type ShortCircuitFunction,
  sensor,
  shortCircuit,
  type TaskFunction,
  task,
} from "./task.js";
export {
  type Connection,
  createTaskContext,
  type TaskContext,
  type TaskContextData,
  type TaskRuntime,
  type TriggeringAssetEvent,
  type VariableOptions,
} from "./taskContext.js";
export type {
  BashOptions,
  Isolation,
  MapItems,
  MappedTaskOptions,
  MapSource,
  PythonOptions,
  SensorOptions,
  ShortCircuitOptions,
  TaskDefaults,
  TaskFlow,
  TaskOptions,
  TriggerRule,
} from "./taskOptions.js";
export type { InputValues, TaskInputs, TaskRef } from "./taskRef.js";
