/** Type-only brand carrying a task's result type, so `inputs` can type what a task receives. */
declare const resultType: unique symbol;

/** What `task()` and `bash()` return: a handle on the declared task, for dependencies and inputs. */
export interface TaskRef<Result = unknown> {
  readonly dagId: string;
  readonly taskId: string;
  /** Makes this task run after `upstream` (Airflow's `upstream >> this`). Returns this task. */
  after(...upstream: TaskRef[]): this;
  readonly [resultType]?: Result;
}

/** A task's data inputs: argument name → the upstream task whose result it receives. */
export type TaskInputs = Record<string, TaskRef>;

/** What `ctx.inputs` holds for a task's `inputs`: each upstream task's (awaited) result. */
export type InputValues<Inputs extends TaskInputs> = {
  [Name in keyof Inputs]: Inputs[Name] extends TaskRef<infer Result> ? Result : never;
};
