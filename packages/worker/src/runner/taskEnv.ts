import type { Job } from "@borda/protocol";

/**
 * A task's environment is an allowlist, never the worker's environment: the worker holds
 * its token and settings in BORDA_* variables, and tasks must not see them (invariant 4).
 */

/** Always passed on when the worker has them. */
const baseNames = ["PATH", "HOME", "LANG", "TZ"] as const;

/** What every task process starts with: the base names and the operator's `--task-env` names. */
export function baseTaskEnvironment(
  passNames: readonly string[],
  workerEnv: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of [...baseNames, ...passNames]) {
    const value = workerEnv[name];
    if (value !== undefined && !name.startsWith("BORDA_")) env[name] = value;
  }
  return env;
}

/** The variables that tell a task process which attempt it is. */
export function attemptVariables(job: Job): Record<string, string> {
  return {
    BORDA_DAG_ID: job.dagId,
    BORDA_RUN_ID: job.runId,
    BORDA_TASK_ID: job.taskId,
    BORDA_TRY_NUMBER: String(job.tryNumber),
    BORDA_MAP_INDEX: String(job.mapIndex),
  };
}
