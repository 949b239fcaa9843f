import {
  BordaError,
  type DagSpec,
  ErrorCode,
  findTask,
  finishedTaskInstanceStates,
  TaskInstanceState,
} from "@borda/protocol";
import type {
  DagRunRecord,
  MarkPolicy,
  RunSnapshot,
  Store,
  TaskInstanceRecord,
} from "../store/index.js";
import type { Clock } from "./clock.js";
import { downstreamOf, upstreamOf } from "./dagGraph.js";
import type { RunEvaluator } from "./runEvaluator.js";

export interface RunChangesOptions {
  store: Store;
  clock: Clock;
  runs: RunEvaluator;
  /** Starts the queued runs that may start, and queues what became ready. */
  startRuns(): Promise<void>;
  /** After an evaluation: a finished run frees room for the next; else queue what is ready. */
  afterEvaluation(finished: boolean): Promise<void>;
}

/**
 * What people change in a run by hand, through the REST API and the CLI: clearing task
 * instances so they run again, marking them (Airflow's mark success / failed / skipped),
 * setting a run's state, deleting a run. Each change is one store write that supersedes
 * attempts in flight; the run then moves on from its new state.
 */
export class RunChanges {
  readonly #o: RunChangesOptions;

  constructor(options: RunChangesOptions) {
    this.#o = options;
  }

  /**
   * Clears task instances of a run so they run again (null: every task); with `upstream`
   * or `downstream`, their relatives too; with `onlyStates`, only those now in one of
   * them; with `mapIndexes`, only those map indexes of the tasks it names (their
   * relatives are cleared whole). Returns the task ids cleared, or on a dry run those
   * that would be.
   */
  async clearTaskInstances(
    dagId: string,
    runId: string,
    taskIds: readonly string[] | null,
    options: ClearOptions = {},
  ): Promise<string[]> {
    const { run, version, taskInstances } = await this.#requireRunSnapshot(dagId, runId);
    const spec = version.spec;
    const selected = selectTasks(spec, taskIds, options);
    const mapIndexesOf = (taskId: string) => options.mapIndexes?.get(taskId);
    if (options.dryRun) {
      const { onlyStates } = options;
      return selected.filter((taskId) =>
        taskInstances.some(
          (ti) =>
            ti.taskId === taskId &&
            (mapIndexesOf(taskId)?.includes(ti.mapIndex) ?? true) &&
            (!onlyStates || onlyStates.includes(ti.state)),
        ),
      );
    }
    // Which instances are in `onlyStates` is decided inside the write, under the lock
    // queueing takes: one that moved on since the snapshot is judged as it is now.
    const cleared = await this.#o.store.clearTaskInstances(
      run.id,
      withRetries(spec, selected).map((task) => {
        const mapIndexes = mapIndexesOf(task.taskId);
        return mapIndexes ? { ...task, mapIndexes } : task;
      }),
      this.#o.clock.now(),
      { onlyStates: options.onlyStates },
    );
    if (cleared.length > 0) await this.#o.startRuns();
    return cleared;
  }

  /**
   * Sets task instances of a run to `state` by hand (Airflow's mark success / failed /
   * skipped), with their upstream or downstream relatives when asked. An attempt in
   * flight is superseded, so its worker's next report gets 409. As in Airflow, failed
   * and upstream_failed tasks downstream are then cleared, so the run resumes from the
   * new state: downstream tasks become ready, or upstream_failed again. Returns the
   * instances changed (on a dry run, those that would be, unchanged).
   */
  async markTaskInstances(
    dagId: string,
    runId: string,
    taskIds: readonly string[],
    state: ManualTaskState,
    options: MarkOptions = {},
  ): Promise<TaskInstanceRecord[]> {
    const { run, version, taskInstances } = await this.#requireRunSnapshot(dagId, runId);
    const spec = version.spec;
    const selected = new Set(selectTasks(spec, taskIds, options));
    const { mapIndexes } = options;
    const chosen = (ti: TaskInstanceRecord) =>
      selected.has(ti.taskId) &&
      (mapIndexes === undefined ||
        !taskIds.includes(ti.taskId) ||
        mapIndexes.includes(ti.mapIndex));
    const policy: MarkPolicy = (ti) => (chosen(ti) ? state : null);
    if (options.dryRun) return taskInstances.filter((ti) => chosen(ti) && ti.state !== state);
    const now = this.#o.clock.now();
    const marked = await this.#o.store.markTaskInstances(run.id, policy, now);
    const failedDownstream = new Set(
      (
        await this.#o.store.listTaskInstances({
          dagRunId: run.id,
          states: [TaskInstanceState.failed, TaskInstanceState.upstreamFailed],
        })
      ).map((ti) => ti.taskId),
    );
    const resume = downstreamOf(spec, [...selected]).filter(
      (taskId) => !selected.has(taskId) && failedDownstream.has(taskId),
    );
    if (resume.length > 0) {
      await this.#o.store.clearTaskInstances(run.id, withRetries(spec, resume), now);
      await this.#o.startRuns();
    } else {
      await this.#o.afterEvaluation(await this.#o.runs.evaluate(run.id));
    }
    return marked;
  }

  /**
   * Sets a run's state by hand, as Airflow does. `success`: every task instance not yet
   * successful becomes so. `failed`: running ones fail and those not finished are
   * skipped. Either way attempts in flight are superseded, and the run ends in the same
   * write. `queued`: the whole run is cleared and runs again.
   */
  async setDagRunState(
    dagId: string,
    runId: string,
    state: "success" | "failed" | "queued",
  ): Promise<DagRunRecord> {
    if (state === "queued") {
      await this.clearTaskInstances(dagId, runId, null);
    } else {
      const { run } = await this.#requireRunSnapshot(dagId, runId);
      const policy: MarkPolicy =
        state === "success"
          ? () => TaskInstanceState.success
          : (ti) =>
              ti.state === TaskInstanceState.running
                ? TaskInstanceState.failed
                : finishedTaskInstanceStates.includes(ti.state)
                  ? null
                  : TaskInstanceState.skipped;
      await this.#o.store.markTaskInstances(run.id, policy, this.#o.clock.now(), {
        runState: state,
      });
      await this.#o.afterEvaluation(true);
    }
    const run = await this.#o.store.getDagRun(dagId, runId);
    if (!run) throw runNotFound(dagId, runId);
    return run;
  }

  /** Deletes a run and all it produced; a maxActiveRuns slot it held goes to the next run. */
  async deleteDagRun(dagId: string, runId: string): Promise<void> {
    const run = await this.#o.store.getDagRun(dagId, runId);
    if (!run || !(await this.#o.store.deleteDagRun(run.id))) throw runNotFound(dagId, runId);
    await this.#o.afterEvaluation(true);
  }

  async #requireRunSnapshot(dagId: string, runId: string): Promise<RunSnapshot> {
    const run = await this.#o.store.getDagRun(dagId, runId);
    const snapshot = run && (await this.#o.store.loadRunSnapshot(run.id));
    if (!snapshot) throw runNotFound(dagId, runId);
    return snapshot;
  }
}

/** Which tasks a clear or a mark covers, beyond the ones named. */
export interface ClearOptions {
  upstream?: boolean | undefined;
  downstream?: boolean | undefined;
  /** Only task instances now in one of these states (Airflow's only_failed, only_running). */
  onlyStates?: readonly TaskInstanceState[] | undefined;
  /** Change nothing: answer what would change. */
  dryRun?: boolean | undefined;
  /** Only these map indexes of a task named (a task not in it: all its instances). */
  mapIndexes?: ReadonlyMap<string, readonly number[]> | undefined;
}

export interface MarkOptions extends Omit<ClearOptions, "onlyStates" | "mapIndexes"> {
  /** Only these map indexes of the tasks named (their relatives are marked whole). */
  mapIndexes?: readonly number[] | undefined;
}

/** The states a person may set a task instance to (Airflow's UpdateTaskState). */
export type ManualTaskState =
  | typeof TaskInstanceState.success
  | typeof TaskInstanceState.failed
  | typeof TaskInstanceState.skipped;

/** `taskIds` (null: every task) with the relatives asked for; an id the DAG lacks is a 404. */
function selectTasks(
  spec: DagSpec,
  taskIds: readonly string[] | null,
  options: { upstream?: boolean | undefined; downstream?: boolean | undefined },
): string[] {
  if (taskIds === null) return spec.tasks.map((t) => t.taskId);
  const unknown = taskIds.filter((id) => !spec.tasks.some((t) => t.taskId === id));
  if (unknown.length > 0) {
    throw new BordaError(
      ErrorCode.notFound,
      `No task ${unknown.join(", ")} in DAG '${spec.dagId}' as this run has it; its task instances (GET /dags/${spec.dagId}/dagRuns/{dag_run_id}/taskInstances) name the tasks.`,
    );
  }
  const selected = new Set(taskIds);
  if (options.upstream) for (const id of upstreamOf(spec, taskIds)) selected.add(id);
  if (options.downstream) for (const id of downstreamOf(spec, taskIds)) selected.add(id);
  return [...selected];
}

/** A cleared task may retry as often again as its definition allows. */
const withRetries = (spec: DagSpec, taskIds: readonly string[]) =>
  taskIds.map((taskId) => ({
    taskId,
    retries: findTask(spec, taskId)?.retries ?? 0,
  }));

export const runNotFound = (dagId: string, runId: string) =>
  new BordaError(ErrorCode.notFound, `DAG run '${runId}' of DAG '${dagId}' not found.`);
