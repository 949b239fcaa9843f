import {
  AttemptState,
  activeAttemptStates,
  BordaError,
  CallbackEvent,
  ErrorCode,
  findTask,
  type TaskSpec,
  TaskInstanceState as TIState,
} from "@borda/protocol";
import { type ExpressionBuilder, type Kysely, type Selectable, sql } from "kysely";
import { recordOutletEvents } from "./assetReferences.js";
import { exceptionOf, recordCallbacks, taskCallbackInfo } from "./callbackOutbox.js";
import { dagOfTeams } from "./dagsOfTeams.js";
import type { Database, TaskAttemptsTable } from "./database.js";
import { matchesQueues } from "./queueMatch.js";
import type { AttemptRecord } from "./records.js";
import { toDate } from "./records.js";
import { lockTaskInstanceOf } from "./rowLocks.js";
import type { StoreContext } from "./storeContext.js";
import { loadVersions } from "./versions.js";

/**
 * Attempts: the jobs workers claim, start, complete and fail. Every call names the
 * attempt id; a call about an attempt that is no longer current (superseded, timed out,
 * lease lost) is refused with `stale_attempt` (invariant 1: fencing).
 */

export interface ClaimRequest {
  workerName: string;
  /** Queue names, or patterns with `*` wildcards (`team_a_*`). */
  queues: readonly string[];
  /** Free slots on the worker; a job takes as many as its pool slots. */
  freeSlots: number;
  /** The lease each claim gets, renewed by heartbeats: the worker's timeout. */
  leaseMs: number;
  /** The minor of worker protocol 1.x the worker registered with: it gets no job needing more. */
  protocolMinor: number;
  /**
   * Record each job as started as it is claimed (protocol 1.5): the worker starts it as
   * soon as the answer arrives and sends no start, which saves a round trip and a write.
   */
  startOnClaim: boolean;
}

export interface ClaimedJob extends AttemptRecord {
  logicalDate: Date;
  dataIntervalStart: Date | null;
  dataIntervalEnd: Date | null;
  conf: Record<string, unknown>;
}

/**
 * Claims queued jobs on the worker's queues, highest priority then oldest first, as many
 * as fit its free slots. On PostgreSQL the candidate rows are locked with SKIP LOCKED,
 * so concurrent claims from several replicas never block on or hand out the same job.
 *
 * With `startOnClaim` the same write starts each job, attempt and task instance, as
 * `startAttempt` would, and marks the start unconfirmed until the worker shows it holds
 * the attempt (migration 017 says why). Every other write that changes both
 * locks the task instance first (rowLocks.ts), while a claim already holds its
 * attempts: so it takes their task instances with SKIP LOCKED too, and leaves a job whose
 * task instance is being changed (cleared, marked) queued for a later claim, instead of
 * waiting into a deadlock.
 */
export async function claimJobs(
  ctx: StoreContext,
  request: ClaimRequest,
  at: Date,
): Promise<ClaimedJob[]> {
  if (request.freeSlots <= 0 || request.queues.length === 0) return [];
  const now = at.getTime();
  return ctx.write(async (trx) => {
    const candidates = await trx
      .selectFrom("task_attempts")
      .selectAll()
      .where("state", "=", AttemptState.queued)
      .where((eb) => matchesQueues(eb, ctx.dialect, request.queues))
      .where("needs_protocol_minor", "<=", request.protocolMinor)
      .orderBy("priority_weight", "desc")
      .orderBy("queued_at")
      .limit(request.freeSlots * 4)
      .$if(ctx.dialect === "postgres", (qb) => qb.forUpdate().skipLocked())
      .execute();
    const available =
      request.startOnClaim && ctx.dialect === "postgres" && candidates.length > 0
        ? new Set(
            (
              await trx
                .selectFrom("task_instances")
                .select("id")
                .where(
                  "id",
                  "in",
                  candidates.map((c) => c.task_instance_id),
                )
                .forUpdate()
                .skipLocked()
                .execute()
            ).map((row) => Number(row.id)),
          )
        : null;
    let slots = request.freeSlots;
    const chosen = candidates.filter((c) => {
      if (c.pool_slots > slots || (available && !available.has(Number(c.task_instance_id)))) {
        return false;
      }
      slots -= c.pool_slots;
      return true;
    });
    if (chosen.length === 0) return [];
    const ids = chosen.map((c) => c.attempt_id);
    const claimed = await trx
      .updateTable("task_attempts")
      .set((eb) => ({
        state: request.startOnClaim ? AttemptState.running : AttemptState.claimed,
        worker_name: request.workerName,
        claimed_at: now,
        lease_expires_at: now + request.leaseMs,
        lease_ms: request.leaseMs,
        ...(request.startOnClaim
          ? { start_unconfirmed: 1, ...startedAt(eb, now, request.leaseMs) }
          : {}),
      }))
      .where("attempt_id", "in", ids)
      .where("state", "=", AttemptState.queued)
      .returningAll()
      .execute();
    if (request.startOnClaim) await startTaskInstances(trx, claimed, now);
    const runs = await trx
      .selectFrom("dag_runs")
      .select(["id", "logical_date", "data_interval_start", "data_interval_end", "conf"])
      .where(
        "id",
        "in",
        claimed.map((c) => c.dag_run_id),
      )
      .execute();
    const byRun = new Map(runs.map((r) => [Number(r.id), r]));
    return claimed
      .sort((a, b) => ids.indexOf(a.attempt_id) - ids.indexOf(b.attempt_id))
      .map((row) => {
        const run = byRun.get(Number(row.dag_run_id));
        return {
          ...toAttemptRecord(row),
          logicalDate: new Date(run?.logical_date ?? 0),
          dataIntervalStart: toDate(run?.data_interval_start ?? null),
          dataIntervalEnd: toDate(run?.data_interval_end ?? null),
          conf: JSON.parse(run?.conf ?? "{}") as Record<string, unknown>,
        };
      });
  });
}

/**
 * The worker started the attempt: it and its task instance become `running`. The worker
 * enforces the task's execution timeout itself (asking the task to stop, then killing it
 * after a grace period, and reporting it failed); the control plane's deadline is the
 * backstop for a worker that does not, one lease later, so it never cuts that grace short
 * and lets a retry start while the old copy is still stopping.
 */
export async function startAttempt(
  ctx: StoreContext,
  attemptId: string,
  at: Date,
): Promise<AttemptRecord> {
  const now = at.getTime();
  return ctx.write(async (trx) => {
    await lockTaskInstanceOf(ctx, trx, attemptId);
    const attempt = await trx
      .updateTable("task_attempts")
      .set((eb) => ({
        state: AttemptState.running,
        start_unconfirmed: 0,
        ...startedAt(eb, now, null),
      }))
      .where("attempt_id", "=", attemptId)
      // A start its claim recorded is confirmed, and keeps the claim's time.
      .where((eb) =>
        eb.or([
          eb("state", "=", AttemptState.claimed),
          eb.and([eb("state", "=", AttemptState.running), eb("start_unconfirmed", "=", 1)]),
        ]),
      )
      .returningAll()
      .executeTakeFirst();
    if (!attempt) throw await staleAttempt(trx, attemptId, "start");
    await startTaskInstances(trx, [attempt], now);
    return toAttemptRecord(attempt);
  });
}

/**
 * The columns a start sets on an attempt: a sensor's try resumed after a reschedule keeps
 * its first poke's start, since its timeout counts from there. `leaseMs`: the lease the
 * same write grants (a start at the claim), else the one the attempt's claim granted.
 * `now` is a parameter, not a literal, so the statement is prepared once.
 */
function startedAt(
  eb: ExpressionBuilder<Database, "task_attempts">,
  now: number,
  leaseMs: number | null,
) {
  const lease =
    leaseMs === null ? sql<number>`coalesce(${eb.ref("lease_ms")}, 0)` : sql<number>`${leaseMs}`;
  return {
    started_at: eb.fn.coalesce("started_at", sql<number>`${now}`),
    timeout_at: sql<number | null>`${now} + ${eb.ref("execution_timeout_ms")} + ${lease}`,
  };
}

/**
 * The task instances of attempts just started (all by one worker) become `running`,
 * unless they moved on meanwhile: the compare-and-set on their current attempt leaves a
 * cleared or marked one as it is. One statement for those started now, one more for each
 * resumed sensor's older start.
 */
async function startTaskInstances(
  trx: Kysely<Database>,
  started: readonly Selectable<TaskAttemptsTable>[],
  now: number,
): Promise<void> {
  const byStart = new Map<number, Selectable<TaskAttemptsTable>[]>();
  for (const attempt of started) {
    const at = attempt.started_at ?? now;
    byStart.set(at, [...(byStart.get(at) ?? []), attempt]);
  }
  for (const [startDate, attempts] of byStart) {
    await trx
      .updateTable("task_instances")
      .set({
        state: TIState.running,
        start_date: startDate,
        hostname: attempts[0]?.worker_name ?? null,
        updated_at: now,
      })
      .where(
        "id",
        "in",
        attempts.map((a) => a.task_instance_id),
      )
      .where(
        "current_attempt_id",
        "in",
        attempts.map((a) => a.attempt_id),
      )
      .where("state", "=", TIState.queued)
      .execute();
  }
}

/**
 * The attempt succeeded. Recorded at most once: the compare-and-set on the attempt's
 * state refuses a second report, and a superseded attempt's report. The task instance
 * must still be this attempt's, or nothing is written at all: no result, no XCom.
 */
export async function completeAttempt(
  ctx: StoreContext,
  attemptId: string,
  result: {
    returnValueJson?: string | undefined;
    /** Other entries the task pushed, key → JSON. */
    xcomsJson?: Record<string, string> | undefined;
    /** Its map_index_template, rendered by the worker (a mapped instance's name). */
    renderedMapIndex?: string | undefined;
  },
  at: Date,
): Promise<AttemptRecord> {
  const now = at.getTime();
  const completed = await ctx.write(async (trx) => {
    await lockTaskInstanceOf(ctx, trx, attemptId);
    const attempt = await trx
      .updateTable("task_attempts")
      .set({ state: AttemptState.success, ended_at: now })
      .where("attempt_id", "=", attemptId)
      .where("state", "in", [AttemptState.claimed, AttemptState.running])
      .returningAll()
      .executeTakeFirst();
    if (!attempt) throw await staleAttempt(trx, attemptId, "complete");
    const recorded = await trx
      .updateTable("task_instances")
      .set((eb) => ({
        state: TIState.success,
        start_date: eb.fn.coalesce("start_date", sql<number>`${attempt.started_at ?? now}`),
        end_date: now,
        hostname: attempt.worker_name,
        last_error: null,
        rendered_map_index: result.renderedMapIndex ?? null,
        updated_at: now,
      }))
      .where("id", "=", attempt.task_instance_id)
      .where("current_attempt_id", "=", attemptId)
      .where("state", "in", [TIState.queued, TIState.running])
      .executeTakeFirst();
    // Throwing rolls the attempt's success back too: its task instance moved on.
    if (Number(recorded.numUpdatedRows) === 0) throw notCurrent(attemptId, attempt.state);
    const entries = Object.entries(result.xcomsJson ?? {});
    if (result.returnValueJson !== undefined)
      entries.push(["return_value", result.returnValueJson]);
    for (const [key, value] of entries) {
      await trx
        .insertInto("xcom")
        .values({
          dag_run_id: attempt.dag_run_id,
          task_id: attempt.task_id,
          map_index: attempt.map_index,
          key,
          dag_id: attempt.dag_id,
          run_id: attempt.run_id,
          value,
          created_at: now,
        })
        .onConflict((oc) =>
          oc
            .columns(["dag_run_id", "task_id", "map_index", "key"])
            .doUpdateSet({ value, created_at: now }),
        )
        .execute();
    }
    await recordOutletEvents(ctx, trx, attempt, now);
    const spec = (await loadVersions(ctx, trx, [Number(attempt.dag_version_id)])).get(
      Number(attempt.dag_version_id),
    )?.spec;
    const task = spec && findTask(spec, attempt.task_id);
    if (task?.callbacks) {
      await recordCallbacks(
        ctx,
        trx,
        task.callbacks,
        CallbackEvent.success,
        callbackSubject(attempt),
        task,
        taskCallbackInfo(TIState.success, null),
        now,
      );
    }
    return toAttemptRecord(attempt);
  });
  ctx.observer.taskInstancesFinished([
    { dagId: completed.dagId, queue: completed.queue, state: TIState.success },
  ]);
  return completed;
}

export interface AttemptFailure {
  error: string;
  exitCode?: number | null;
}

/** Delay before the retry after failed try `tryNumber` of `task` (the scheduler's policy). */
export type RetryDelayPolicy = (task: TaskSpec, tryNumber: number) => number;

/**
 * Why the control plane ends an attempt by itself. The update re-checks the deadline in
 * its condition, so a heartbeat that renewed the lease after the reaper listed the
 * attempt wins.
 */
export type Overdue = "lease" | "timeout";

/** How a failure ends its task instance when it must not retry: a sensor's timeout fails it, or skips it (soft_fail). */
export type FinalFailure = typeof TIState.failed | typeof TIState.skipped;

/**
 * The attempt failed (reported by its worker, or decided by the control plane: lease
 * lost, execution timeout). Its task instance goes `up_for_retry` while it has tries
 * left, else `failed`; with `final`, that state, without a retry.
 */
export async function failAttempt(
  ctx: StoreContext,
  attemptId: string,
  failure: AttemptFailure,
  retryDelay: RetryDelayPolicy,
  at: Date,
  options: { overdue?: Overdue; final?: FinalFailure } = {},
): Promise<AttemptRecord & { retryAt: Date | null }> {
  const now = at.getTime();
  const { failed, finalState } = await ctx.write(async (trx) => {
    await lockTaskInstanceOf(ctx, trx, attemptId);
    const attempt = await trx
      .updateTable("task_attempts")
      .set({
        state: AttemptState.failed,
        ended_at: now,
        error: failure.error,
        exit_code: failure.exitCode ?? null,
      })
      .where("attempt_id", "=", attemptId)
      .where("state", "in", activeAttemptStates)
      .$if(options.overdue === "lease", (qb) => qb.where("lease_expires_at", "<=", now))
      .$if(options.overdue === "timeout", (qb) => qb.where("timeout_at", "<=", now))
      .returningAll()
      .executeTakeFirst();
    if (!attempt) throw await staleAttempt(trx, attemptId, "fail");
    const ti = await trx
      .selectFrom("task_instances")
      .select(["id", "try_number", "max_tries"])
      .where("id", "=", attempt.task_instance_id)
      .where("current_attempt_id", "=", attemptId)
      .executeTakeFirst();
    let retryAt: number | null = null;
    /** The task instance's finished state, when this failure ended it (no retry left). */
    let finalState: FinalFailure | null = null;
    if (ti) {
      const versions = await loadVersions(ctx, trx, [Number(attempt.dag_version_id)]);
      const spec = versions.get(Number(attempt.dag_version_id))?.spec;
      const task = spec && findTask(spec, attempt.task_id);
      retryAt =
        task !== undefined && ti.try_number <= ti.max_tries && !options.final
          ? now + retryDelay(task, ti.try_number)
          : null;
      const ended = await trx
        .updateTable("task_instances")
        .set({
          state: retryAt !== null ? TIState.upForRetry : (options.final ?? TIState.failed),
          next_retry_at: retryAt,
          end_date: now,
          last_error: failure.error,
          updated_at: now,
        })
        .where("id", "=", ti.id)
        .where("current_attempt_id", "=", attemptId)
        .executeTakeFirst();
      if (retryAt === null && Number(ended.numUpdatedRows) > 0) {
        finalState = options.final ?? TIState.failed;
      }
      // A skip (soft_fail, a task that skipped itself) is no failure: no failure callback.
      if (task?.callbacks && options.final !== TIState.skipped) {
        const retrying = retryAt !== null;
        await recordCallbacks(
          ctx,
          trx,
          task.callbacks,
          retrying ? CallbackEvent.retry : CallbackEvent.failure,
          callbackSubject(attempt),
          task,
          taskCallbackInfo(
            retrying ? TIState.upForRetry : TIState.failed,
            exceptionOf(failure.error, options.overdue),
          ),
          now,
        );
      }
    }
    const failed = {
      ...toAttemptRecord(attempt),
      retryAt: retryAt === null ? null : new Date(retryAt),
    };
    return { failed, finalState };
  });
  // A try that will be retried ends no task instance: only the last try's failure counts.
  if (finalState !== null) {
    ctx.observer.taskInstancesFinished([
      { dagId: failed.dagId, queue: failed.queue, state: finalState },
    ]);
  }
  return failed;
}

/**
 * A sensor's poke found its condition false, in reschedule mode: the attempt ends
 * `up_for_reschedule` and its task instance waits, holding no worker or pool slot, until
 * `nextPokeAt`, on the same try (the attempt row carries the try on; queueing re-keys it).
 * The attempt id is fenced from now on: it is no longer claimed or running.
 */
export async function rescheduleAttempt(
  ctx: StoreContext,
  attemptId: string,
  nextPokeAt: Date,
  at: Date,
): Promise<AttemptRecord> {
  const now = at.getTime();
  return ctx.write(async (trx) => {
    await lockTaskInstanceOf(ctx, trx, attemptId);
    const attempt = await trx
      .updateTable("task_attempts")
      .set((eb) => ({
        state: AttemptState.upForReschedule,
        ended_at: now,
        lease_expires_at: null,
        timeout_at: null,
        reschedules: eb(eb.ref("reschedules"), "+", 1),
      }))
      .where("attempt_id", "=", attemptId)
      .where("state", "in", [AttemptState.claimed, AttemptState.running])
      .returningAll()
      .executeTakeFirst();
    if (!attempt) throw await staleAttempt(trx, attemptId, "reschedule");
    const waiting = await trx
      .updateTable("task_instances")
      .set({
        state: TIState.upForReschedule,
        next_retry_at: nextPokeAt.getTime(),
        end_date: now,
        updated_at: now,
      })
      .where("id", "=", attempt.task_instance_id)
      .where("current_attempt_id", "=", attemptId)
      .where("state", "in", [TIState.queued, TIState.running])
      .executeTakeFirst();
    // Throwing rolls the attempt's change back too: its task instance moved on.
    if (Number(waiting.numUpdatedRows) === 0) throw notCurrent(attemptId, attempt.state);
    return toAttemptRecord(attempt);
  });
}

export async function getAttempt(
  ctx: StoreContext,
  attemptId: string,
): Promise<AttemptRecord | null> {
  const row = await ctx.db
    .selectFrom("task_attempts")
    .selectAll()
    .where("attempt_id", "=", attemptId)
    .executeTakeFirst();
  return row ? toAttemptRecord(row) : null;
}

/** Which attempts `listAttempts` and `countAttempts` look at: every field given must match. */
export interface AttemptFilter {
  dagRunId?: number;
  dagId?: string;
  runId?: string;
  taskId?: string;
  mapIndex?: number;
  queue?: string;
  workerName?: string;
  states?: readonly AttemptState[];
  /** Only attempts of these teams' DAGs (docs/teams.md); every team's when undefined. */
  teams?: readonly string[] | undefined;
}

/** One page of attempts, in the order asked. */
export interface AttemptPage {
  orderBy: "queued_at" | "state" | "dag_id";
  descending: boolean;
  limit: number;
  offset: number;
}

/**
 * The attempts matching `filter`: all of them, oldest first, or one `page`. A page's
 * order ends in the attempt id, so ties (a fan-out queues many attempts in the same
 * millisecond) fall the same way on every request and pages neither skip nor repeat one.
 */
export async function listAttempts(
  ctx: StoreContext,
  filter: AttemptFilter = {},
  page?: AttemptPage,
): Promise<AttemptRecord[]> {
  let query = ctx.db
    .selectFrom("task_attempts")
    .selectAll()
    .where((eb) => matchesFilter(eb, filter));
  if (page) {
    const direction = page.descending ? "desc" : "asc";
    query = query.orderBy(page.orderBy, direction);
    if (page.orderBy !== "queued_at") query = query.orderBy("queued_at", direction);
    query = query.orderBy("attempt_id", direction).limit(page.limit).offset(page.offset);
  } else {
    query = query.orderBy("queued_at").orderBy("try_number");
  }
  return (await query.execute()).map(toAttemptRecord);
}

export async function countAttempts(
  ctx: StoreContext,
  filter: AttemptFilter = {},
): Promise<number> {
  const row = await ctx.db
    .selectFrom("task_attempts")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where((eb) => matchesFilter(eb, filter))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * How many attempts wait on each queue that has any, and since when the oldest waits
 * (served by the claim index).
 */
export async function countQueuedAttemptsByQueue(
  ctx: StoreContext,
): Promise<{ queue: string; count: number; oldestQueuedAt: Date }[]> {
  const rows = await ctx.db
    .selectFrom("task_attempts")
    .select((eb) => [
      "queue",
      eb.fn.countAll<number>().as("count"),
      eb.fn.min("queued_at").as("oldest"),
    ])
    .where("state", "=", AttemptState.queued)
    .groupBy("queue")
    .orderBy("queue")
    .execute();
  return rows.map((r) => ({
    queue: r.queue,
    count: Number(r.count),
    oldestQueuedAt: new Date(Number(r.oldest)),
  }));
}

function matchesFilter(eb: ExpressionBuilder<Database, "task_attempts">, filter: AttemptFilter) {
  const conditions = [];
  if (filter.dagRunId !== undefined) conditions.push(eb("dag_run_id", "=", filter.dagRunId));
  if (filter.dagId !== undefined) conditions.push(eb("dag_id", "=", filter.dagId));
  if (filter.runId !== undefined) conditions.push(eb("run_id", "=", filter.runId));
  if (filter.taskId !== undefined) conditions.push(eb("task_id", "=", filter.taskId));
  if (filter.mapIndex !== undefined) conditions.push(eb("map_index", "=", filter.mapIndex));
  if (filter.queue !== undefined) conditions.push(eb("queue", "=", filter.queue));
  if (filter.workerName !== undefined) conditions.push(eb("worker_name", "=", filter.workerName));
  if (filter.states) conditions.push(eb("state", "in", filter.states));
  if (filter.teams) conditions.push(dagOfTeams("task_attempts.dag_id", filter.teams));
  return eb.and(conditions);
}

/** The error for a report about an attempt whose task instance has moved on to another. */
function notCurrent(attemptId: string, state: string): BordaError {
  return new BordaError(
    ErrorCode.staleAttempt,
    `Attempt '${attemptId}' is no longer its task instance's current attempt. Stop working on it.`,
    { details: { attemptId, state } },
  );
}

/** The error for a report about an attempt that is not (or no longer) in a state that allows it. */
async function staleAttempt(
  trx: Kysely<Database>,
  attemptId: string,
  action: string,
): Promise<BordaError> {
  const row = await trx
    .selectFrom("task_attempts")
    .select(["state", "error"])
    .where("attempt_id", "=", attemptId)
    .executeTakeFirst();
  if (!row) {
    // Released claims are re-keyed, so an unknown id is one the worker must drop.
    return new BordaError(
      ErrorCode.staleAttempt,
      `Attempt '${attemptId}' is not current (the control plane has no such attempt). Stop working on it.`,
      { details: { attemptId, state: "unknown" } },
    );
  }
  return new BordaError(
    ErrorCode.staleAttempt,
    `Attempt '${attemptId}' cannot ${action}: it is ${row.state}${row.error ? ` (${row.error})` : ""}. Stop working on it.`,
    { details: { attemptId, state: row.state } },
  );
}

function callbackSubject(attempt: Selectable<TaskAttemptsTable>) {
  return {
    dagRunId: Number(attempt.dag_run_id),
    dagId: attempt.dag_id,
    runId: attempt.run_id,
    dagVersionId: Number(attempt.dag_version_id),
    taskId: attempt.task_id,
    mapIndex: attempt.map_index,
    tryNumber: attempt.try_number,
  };
}

export function toAttemptRecord(r: Selectable<TaskAttemptsTable>): AttemptRecord {
  return {
    attemptId: r.attempt_id,
    taskInstanceId: Number(r.task_instance_id),
    dagRunId: Number(r.dag_run_id),
    dagId: r.dag_id,
    runId: r.run_id,
    taskId: r.task_id,
    mapIndex: r.map_index,
    tryNumber: r.try_number,
    dagVersionId: Number(r.dag_version_id),
    bundleHash: r.bundle_hash,
    queue: r.queue,
    pool: r.pool,
    poolSlots: r.pool_slots,
    priorityWeight: r.priority_weight,
    state: r.state as AttemptRecord["state"],
    workerName: r.worker_name,
    leaseExpiresAt: toDate(r.lease_expires_at),
    leaseMs: r.lease_ms === null ? null : Number(r.lease_ms),
    timeoutAt: toDate(r.timeout_at),
    executionTimeoutMs: r.execution_timeout_ms === null ? null : Number(r.execution_timeout_ms),
    queuedAt: new Date(r.queued_at),
    claimedAt: toDate(r.claimed_at),
    startedAt: toDate(r.started_at),
    endedAt: toDate(r.ended_at),
    error: r.error,
    exitCode: r.exit_code,
    reschedules: r.reschedules,
    logOffset: Number(r.log_offset),
    startUnconfirmed: Number(r.start_unconfirmed) === 1,
  };
}
