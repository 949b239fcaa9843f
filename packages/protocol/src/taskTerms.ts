/**
 * The enums and limits of a task that a job or a callback carries to the worker, read by
 * the DAG spec's zod schemas and by the worker's checks, which load no zod
 * (docs/internals.md, "The worker loads no zod").
 */

export const TaskKind = { function: "function", bash: "bash" } as const;
export type TaskKind = (typeof TaskKind)[keyof typeof TaskKind];

/** The language a task's code runs in on the worker; absent from a spec means `node`. */
export const TaskRuntime = { node: "node", python: "python" } as const;
export type TaskRuntime = (typeof TaskRuntime)[keyof typeof TaskRuntime];

/** `warm`: a reusable runner process per bundle; `process`: a fresh process per attempt. */
export const Isolation = { warm: "warm", process: "process" } as const;
export type Isolation = (typeof Isolation)[keyof typeof Isolation];

/** A Python task's file to import, and its interpreter: paths, at most this long. */
export const maxPythonPathChars = 1000;
/** A Python task's function name. */
export const maxPythonCallableChars = 250;

export const CallbackEvent = { success: "success", failure: "failure", retry: "retry" } as const;
export type CallbackEvent = (typeof CallbackEvent)[keyof typeof CallbackEvent];

/** Whose callback: the task's own, or the DAG's (fired when a run finishes). */
export const CallbackScope = { task: "task", dag: "dag" } as const;
export type CallbackScope = (typeof CallbackScope)[keyof typeof CallbackScope];
