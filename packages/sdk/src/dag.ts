import { type Dag, DagBuilder } from "./dagBuilder.js";
import type { DagOptions } from "./dagOptions.js";
import type { ParamSpecs, ParamValues } from "./params.js";
import {
  type BashFunction,
  type BranchFunction,
  type MappedTaskFunction,
  type PythonFunction,
  type SensorFunction,
  type ShortCircuitFunction,
  type TaskFunction,
  taskDeclarers,
} from "./task.js";

/** What a DAG's build function receives: task declarers typed with the DAG's params. */
export interface DagToolkit<Params> {
  readonly dagId: string;
  readonly task: TaskFunction<Params>;
  readonly branch: BranchFunction<Params>;
  readonly shortCircuit: ShortCircuitFunction<Params>;
  readonly mappedTask: MappedTaskFunction<Params>;
  readonly sensor: SensorFunction<Params>;
  readonly bash: BashFunction<Params>;
  readonly python: PythonFunction;
}

/**
 * Declares a DAG. `build` runs at once and declares the DAG's tasks, through the toolkit
 * it receives (typed params) or the free `task()` and `bash()`. Export the result from
 * the DAG file (default or named export).
 *
 * @example
 * export default dag({ id: "hello", params: { name: { type: "string", default: "world" } } }, ({ task }) => {
 *   task({ id: "greet" }, (ctx) => `hello ${ctx.params.name}`);
 * });
 */
export function dag<const Params extends ParamSpecs = Record<never, never>>(
  options: DagOptions<Params>,
  build: (toolkit: DagToolkit<ParamValues<Params>>) => void,
): Dag {
  const builder = new DagBuilder(options, new Error("DAG declared here"));
  if (typeof build !== "function") {
    throw new Error(`dag('${builder.dagId}') needs a build function that declares its tasks.`);
  }
  const toolkit = { dagId: builder.dagId, ...taskDeclarers<ParamValues<Params>>(() => builder) };
  const declared = builder.build(() => build(toolkit));
  // The DAG processor installs this hook to tell a declared DAG from an exported one.
  const onDeclared = (globalThis as Record<symbol, unknown>)[Symbol.for("borda.dagDeclared")];
  if (typeof onDeclared === "function") onDeclared(declared);
  return declared;
}
