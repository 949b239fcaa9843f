import { AttemptState, TriggerRule } from "@borda/protocol";
import type { Logger } from "pino";
import type { AttemptRecord, Store } from "../store/index.js";
import type { Clock } from "./clock.js";
import { dagGraph } from "./dagGraph.js";
import { evaluateRun, evaluateTasks, type MapExpansion } from "./evaluateRun.js";

/**
 * Brings runs' task instances up to date with what happened: decides, with
 * evaluateRun.ts, which become ready or can never run, applies that compare-and-set
 * (reading the run again when a concurrent change wins), expands mapped tasks, and
 * finishes the run when every task instance is done.
 */
export class RunEvaluator {
  readonly #store: Store;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #onRunFinished: (dagVersionId: number) => void;

  constructor(options: {
    store: Store;
    logger: Logger;
    clock: Clock;
    /** A run ended: its DAG-level callbacks may be due. */
    onRunFinished: (dagVersionId: number) => void;
  }) {
    this.#store = options.store;
    this.#logger = options.logger;
    this.#clock = options.clock;
    this.#onRunFinished = options.onRunFinished;
  }

  /**
   * Evaluates what an attempt's end can change: its task's downstream tasks (and what a
   * skip among them cascades to), and whether the run is over. It reads only those tasks
   * and their upstream ones, so a finishing task costs the same in a run of 10 tasks or
   * 10,000; anything less simple falls back to evaluating the whole run.
   */
  async evaluateAfter(attempt: AttemptRecord): Promise<boolean> {
    const version = await this.#store.getDagVersion(attempt.dagVersionId);
    if (!version) return this.evaluate(attempt.dagRunId);
    const graph = dagGraph(version.spec);
    const focus = graph.downstream.get(attempt.taskId) ?? [];
    // One map index of many succeeding changes nothing below its task while others still
    // run (unless a rule decides on a first success): reading the task's 1,000 instances
    // at each of their ends would cost a fan-out N² rows.
    if (
      attempt.state === AttemptState.success &&
      graph.byId.get(attempt.taskId)?.mapped &&
      !focus.some((id) => decidesOnFirstSuccess(graph.byId.get(id)?.triggerRule)) &&
      (await this.#store.hasUnfinishedTaskInstances(attempt.dagRunId, attempt.taskId))
    ) {
      return false;
    }
    if (focus.length > 0) {
      const needed = new Set(focus);
      for (const taskId of focus)
        for (const up of graph.byId.get(taskId)?.upstream ?? []) needed.add(up);
      const instances = await this.#store.listTaskInstances({
        dagRunId: attempt.dagRunId,
        taskIds: [...needed],
      });
      const changes = evaluateTasks(version.spec, instances, focus);
      if (changes === null) return this.evaluate(attempt.dagRunId);
      const applied = await this.#store.applyTaskStateChanges(changes, this.#clock.now());
      if (applied < changes.length) return this.evaluate(attempt.dagRunId);
      // A task made ready means the run goes on.
      if (changes.some((c) => c.to === "scheduled")) return false;
    }
    if (await this.#store.hasUnfinishedTaskInstances(attempt.dagRunId)) return false;
    return this.evaluate(attempt.dagRunId);
  }

  /**
   * Evaluates one run until its decisions apply cleanly (a concurrent change makes a
   * compare-and-set miss; the run is then read again). Returns true when it finished.
   */
  async evaluate(dagRunId: number): Promise<boolean> {
    for (let round = 0; round < 5; round++) {
      const snapshot = await this.#store.loadRunSnapshot(dagRunId);
      if (snapshot?.run.state !== "running") return false;
      const { changes, expansions, runState } = evaluateRun(
        snapshot.version.spec,
        snapshot.taskInstances,
        snapshot.decidingResults,
      );
      const now = this.#clock.now();
      const applied = await this.#store.applyTaskStateChanges(changes, now);
      if (applied < changes.length) continue;
      if (!(await this.#expand(dagRunId, expansions, now))) continue;
      if (runState === null) return false;
      const finished = await this.#store.finishDagRun(dagRunId, runState, now);
      if (finished) {
        this.#onRunFinished(snapshot.version.id);
        this.#logger.info(
          { dagId: snapshot.run.dagId, runId: snapshot.run.runId, state: runState },
          "run finished",
        );
      }
      return finished;
    }
    return false;
  }

  /** Applies a run's mapping expansions; false when one lost a race (read the run again). */
  async #expand(dagRunId: number, expansions: readonly MapExpansion[], now: Date) {
    let all = true;
    for (const { taskId, count } of expansions) {
      if (await this.#store.expandMappedTask(dagRunId, taskId, count, now)) {
        this.#logger.debug({ dagRunId, taskId, count }, "mapped task expanded");
      } else {
        all = false;
      }
    }
    return all;
  }
}

/** Trigger rules whose decision a single upstream success can change before the others end. */
const decidesOnFirstSuccess = (rule: TriggerRule | undefined) =>
  rule === TriggerRule.oneSuccess || rule === TriggerRule.allFailed;
