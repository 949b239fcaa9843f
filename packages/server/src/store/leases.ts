import { randomUUID } from "node:crypto";
import { AttemptState, TaskInstanceState as TIState } from "@borda/protocol";
import { sql } from "kysely";
import { toAttemptRecord } from "./attempts.js";
import type { AttemptRecord } from "./records.js";
import { lockTaskInstanceOf } from "./rowLocks.js";
import type { StoreContext } from "./storeContext.js";

/**
 * Leases: how long the control plane keeps a claimed or running attempt for a worker it
 * does not hear from (invariant 8). A claim grants the worker's timeout, each heartbeat
 * renews it by the same length, and only time in which the control plane was up counts:
 * after a start or a database outage every lease is renewed in full before any can expire.
 */

const leasedStates = [AttemptState.claimed, AttemptState.running];

/**
 * Keeps the leases of a worker's attempts alive, each for the length its claim granted.
 * An attempt whose start its claim recorded (protocol 1.5) is confirmed here: its worker
 * shows it holds it. Returns the ids that are no longer this worker's to run (to cancel).
 */
export async function extendLeases(
  ctx: StoreContext,
  workerName: string,
  attemptIds: readonly string[],
  at: Date,
): Promise<string[]> {
  if (attemptIds.length === 0) return [];
  const extended = await ctx.db
    .updateTable("task_attempts")
    .set((eb) => ({
      lease_expires_at: sql<number>`${at.getTime()} + ${eb.ref("lease_ms")}`,
      start_unconfirmed: 0,
    }))
    .where("worker_name", "=", workerName)
    .where("attempt_id", "in", attemptIds)
    .where("state", "in", leasedStates)
    .returning("attempt_id")
    .execute();
  const alive = new Set(extended.map((r) => r.attempt_id));
  return attemptIds.filter((id) => !alive.has(id));
}

/**
 * Gives every leased attempt at least its full lease from `at`: called when this control
 * plane starts and when it could not reach the database, so that time in which no
 * heartbeat could be heard never counts against a worker. Returns how many were renewed.
 */
export async function renewAllLeases(ctx: StoreContext, at: Date): Promise<number> {
  const now = at.getTime();
  const result = await ctx.db
    .updateTable("task_attempts")
    .set((eb) => ({ lease_expires_at: sql<number>`${now} + ${eb.ref("lease_ms")}` }))
    .where("state", "in", leasedStates)
    .where((eb) => eb("lease_expires_at", "<", sql<number>`${now} + ${eb.ref("lease_ms")}`))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Claimed or running attempts whose lease or execution deadline has passed. */
export async function listOverdueAttempts(ctx: StoreContext, at: Date): Promise<AttemptRecord[]> {
  const rows = await ctx.db
    .selectFrom("task_attempts")
    .selectAll()
    .where("state", "in", leasedStates)
    .where((eb) =>
      eb.or([eb("lease_expires_at", "<=", at.getTime()), eb("timeout_at", "<=", at.getTime())]),
    )
    .execute();
  return rows.map(toAttemptRecord);
}

/** Which claims to give back: named ones a worker releases, or those whose lease ran out. */
export type ClaimRelease =
  | { kind: "released"; attemptId: string; workerName: string }
  | { kind: "expired"; attemptId: string };

export interface ReleasedClaim {
  /** The id the worker was given, now void. */
  attemptId: string;
  /** The id the job carries on the queue from now on. */
  requeuedAs: string;
  queue: string;
}

/**
 * Puts a claimed job that was never started back on its queue, on the same try: the
 * worker never got it (its long-poll closed before the answer was delivered, or the
 * lease ran out before it said it started), or it chose not to run it (draining,
 * maintenance). The job gets a new attempt id, so the old one is fenced: if the worker
 * did get it after all, its start is refused (409) and it drops the job. Null when the
 * claim is no longer there to release (started, ended, or its lease renewed).
 *
 * A job whose start its claim recorded (protocol 1.5) is released the same way until its
 * worker shows it holds it (`start_unconfirmed`), and its start is undone: attempt and
 * task instance are `queued` again.
 */
export async function releaseClaim(
  ctx: StoreContext,
  release: ClaimRelease,
  at: Date,
): Promise<ReleasedClaim | null> {
  const now = at.getTime();
  return ctx.write(async (trx) => {
    await lockTaskInstanceOf(ctx, trx, release.attemptId);
    const requeuedAs = randomUUID();
    let update = trx
      .updateTable("task_attempts")
      .set((eb) => ({
        attempt_id: requeuedAs,
        state: AttemptState.queued,
        worker_name: null,
        // A start the claim recorded is undone; a resumed sensor keeps its first poke's
        // (set before this claim, so earlier than it).
        started_at: sql<
          number | null
        >`case when ${eb.ref("start_unconfirmed")} = 1 and ${eb.ref("started_at")} = ${eb.ref("claimed_at")} then null else ${eb.ref("started_at")} end`,
        timeout_at: null,
        start_unconfirmed: 0,
        claimed_at: null,
        lease_expires_at: null,
        lease_ms: null,
      }))
      .where("attempt_id", "=", release.attemptId)
      .where((eb) =>
        eb.or([
          eb("state", "=", AttemptState.claimed),
          eb.and([eb("state", "=", AttemptState.running), eb("start_unconfirmed", "=", 1)]),
        ]),
      );
    update =
      release.kind === "released"
        ? update.where("worker_name", "=", release.workerName)
        : update.where("lease_expires_at", "<=", now);
    const attempt = await update.returning(["queue", "task_instance_id"]).executeTakeFirst();
    if (!attempt) return null;
    const current = await trx
      .updateTable("task_instances")
      .set((eb) => ({
        current_attempt_id: requeuedAs,
        state: TIState.queued,
        // A start made by the claim is undone.
        start_date: sql<
          number | null
        >`case when ${eb.ref("state")} = ${TIState.running} then null else ${eb.ref("start_date")} end`,
        hostname: sql<
          string | null
        >`case when ${eb.ref("state")} = ${TIState.running} then null else ${eb.ref("hostname")} end`,
        updated_at: now,
      }))
      .where("id", "=", attempt.task_instance_id)
      .where("current_attempt_id", "=", release.attemptId)
      .where("state", "in", [TIState.queued, TIState.running])
      .executeTakeFirst();
    if (Number(current.numUpdatedRows) === 0) {
      // Its task instance moved on (cleared, marked): the job must not run at all.
      await trx
        .updateTable("task_attempts")
        .set({
          state: AttemptState.superseded,
          ended_at: now,
          error: "released after its task instance moved on",
        })
        .where("attempt_id", "=", requeuedAs)
        .execute();
      return null;
    }
    await ctx.jobNotifications.publish(trx, [attempt.queue]);
    return { attemptId: release.attemptId, requeuedAs, queue: attempt.queue };
  });
}
