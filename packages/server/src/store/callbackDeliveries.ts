import { randomUUID } from "node:crypto";
import {
  BordaError,
  type CallbackEvent,
  type CallbackInfo,
  type CallbackScope,
  type DeliveryState,
  type DeliveryTarget,
  DeliveryState as DState,
  ErrorCode,
  type NotifierSpec,
} from "@borda/protocol";
import type { ExpressionBuilder, Kysely, Selectable } from "kysely";
import type { CallbackDeliveriesTable, Database } from "./database.js";
import { matchesQueues } from "./queueMatch.js";
import { toDate } from "./records.js";
import type { StoreContext } from "./storeContext.js";

/**
 * Deliveries of callbacks and notifications (the outbox rows callbackOutbox.ts records):
 * claimed by a control-plane replica (notifiers) or a worker (code callbacks) under a
 * lease and a claim id, and finished by a compare-and-set on that claim id, so a delivery
 * that finished is never run again and a claim that lapsed is fenced (invariants 1, 2).
 * A claim whose lease lapsed (its replica or worker died) is claimed again: deliveries run
 * at least once.
 */

export interface DeliveryRecord {
  id: number;
  dagRunId: number;
  dagId: string;
  runId: string;
  taskId: string | null;
  mapIndex: number;
  tryNumber: number | null;
  dagVersionId: number;
  scope: CallbackScope;
  event: CallbackEvent;
  target: DeliveryTarget;
  notifier: NotifierSpec | null;
  queue: string | null;
  info: CallbackInfo;
  state: DeliveryState;
  tries: number;
  nextTryAt: Date;
  claimId: string | null;
  claimedBy: string | null;
  leaseExpiresAt: Date | null;
  lastError: string | null;
  output: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface DeliveryClaim {
  /** The replica or worker that will deliver. */
  claimedBy: string;
  limit: number;
  leaseMs: number;
  /** Deliveries that used this many tries are not claimed again (see `failSpentDeliveries`). */
  maxTries: number;
}

/** Notifier deliveries due now, for this replica to deliver. */
export function claimNotifierDeliveries(
  ctx: StoreContext,
  claim: DeliveryClaim,
  at: Date,
): Promise<DeliveryRecord[]> {
  return claimDeliveries(ctx, claim, at, (eb) => eb("target", "!=", "code"));
}

/** Code callbacks due on the worker's queues, for the worker to run. */
export function claimCallbackJobs(
  ctx: StoreContext,
  claim: DeliveryClaim & { queues: readonly string[] },
  at: Date,
): Promise<DeliveryRecord[]> {
  if (claim.queues.length === 0) return Promise.resolve([]);
  return claimDeliveries(ctx, claim, at, (eb) =>
    eb.and([eb("target", "=", "code"), matchesQueues(eb, ctx.dialect, claim.queues)]),
  );
}

async function claimDeliveries(
  ctx: StoreContext,
  claim: DeliveryClaim,
  at: Date,
  kind: (
    eb: ExpressionBuilder<Database, "callback_deliveries">,
  ) => ReturnType<ExpressionBuilder<Database, "callback_deliveries">["and"]>,
): Promise<DeliveryRecord[]> {
  if (claim.limit <= 0) return [];
  const now = at.getTime();
  const due = (eb: ExpressionBuilder<Database, "callback_deliveries">) =>
    eb.and([
      kind(eb),
      eb("tries", "<", claim.maxTries),
      eb.or([
        eb.and([eb("state", "=", DState.pending), eb("next_try_at", "<=", now)]),
        eb.and([eb("state", "=", DState.running), eb("lease_expires_at", "<=", now)]),
      ]),
    ]);
  // A read first: every fetch of a 1.3 worker asks, and almost always nothing is due, so
  // the write transaction (on SQLite, the one writer's lock) is taken only when it is.
  const anyDue = await ctx.db
    .selectFrom("callback_deliveries")
    .select("id")
    .where(due)
    .limit(1)
    .executeTakeFirst();
  if (!anyDue) return [];
  return ctx.write(async (trx) => {
    const candidates = await trx
      .selectFrom("callback_deliveries")
      .select("id")
      .where(due)
      .orderBy("id")
      .limit(claim.limit)
      .$if(ctx.dialect === "postgres", (qb) => qb.forUpdate().skipLocked())
      .execute();
    const claimed: DeliveryRecord[] = [];
    for (const { id } of candidates) {
      const row = await trx
        .updateTable("callback_deliveries")
        .set((eb) => ({
          state: DState.running,
          claim_id: randomUUID(),
          claimed_by: claim.claimedBy,
          lease_expires_at: now + claim.leaseMs,
          tries: eb("tries", "+", 1),
        }))
        .where("id", "=", id)
        .where(due)
        .returningAll()
        .executeTakeFirst();
      if (row) claimed.push(toDeliveryRecord(row));
    }
    return claimed;
  });
}

export interface DeliveryOutcome {
  id: number;
  claimId: string;
  /** Null: delivered; else why this try failed. */
  error: string | null;
  output?: string | null;
  /** A failed try is tried again at this instant; null: the delivery failed for good. */
  retryAt?: Date | null;
}

/**
 * Ends a claimed delivery's try: delivered, failed, or pending again until `retryAt`. Only
 * under the claim that is current: a lapsed claim (another replica or worker took it over)
 * is refused with `stale_attempt`, so one delivery is recorded once.
 */
export async function finishDelivery(
  ctx: StoreContext,
  outcome: DeliveryOutcome,
  at: Date,
): Promise<DeliveryRecord> {
  const now = at.getTime();
  const retryAt = outcome.error === null ? null : (outcome.retryAt ?? null);
  const state =
    outcome.error === null ? DState.delivered : retryAt ? DState.pending : DState.failed;
  const row = await ctx.db
    .updateTable("callback_deliveries")
    .set({
      state,
      last_error: outcome.error,
      ...(outcome.output !== undefined ? { output: outcome.output } : {}),
      next_try_at: retryAt?.getTime() ?? now,
      lease_expires_at: null,
      finished_at: state === DState.pending ? null : now,
    })
    .where("id", "=", outcome.id)
    .where("claim_id", "=", outcome.claimId)
    .where("state", "=", DState.running)
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    throw new BordaError(
      ErrorCode.staleAttempt,
      `Callback ${outcome.id} is no longer claimed under '${outcome.claimId}' (its lease lapsed and it was claimed again, or it finished). Drop it.`,
      { details: { callbackId: String(outcome.id) } },
    );
  }
  return toDeliveryRecord(row);
}

/**
 * Deliveries (code callbacks, or notifiers) whose claims lapsed after their last try
 * (their replica or worker was lost each time) fail for good. Returns them, for the event log.
 */
export async function failSpentDeliveries(
  ctx: StoreContext,
  spent: { code: boolean; maxTries: number },
  at: Date,
): Promise<DeliveryRecord[]> {
  const now = at.getTime();
  const rows = await ctx.db
    .updateTable("callback_deliveries")
    .set({
      state: DState.failed,
      last_error: "Lost: whoever claimed its last try stopped before reporting it.",
      lease_expires_at: null,
      finished_at: now,
    })
    .where("state", "=", DState.running)
    .where("lease_expires_at", "<=", now)
    .where("tries", ">=", spent.maxTries)
    .where("target", spent.code ? "=" : "!=", "code")
    .returningAll()
    .execute();
  return rows.map(toDeliveryRecord);
}

/** When the next notifier delivery falls due (a retry, a lapsed claim), or null. */
export async function nextNotifierDeliveryAt(ctx: StoreContext): Promise<Date | null> {
  const row = await ctx.db
    .selectFrom("callback_deliveries")
    .select((eb) => [
      eb.fn.min("next_try_at").filterWhere("state", "=", DState.pending).as("pending"),
      eb.fn.min("lease_expires_at").filterWhere("state", "=", DState.running).as("running"),
    ])
    .where("state", "in", [DState.pending, DState.running])
    .where("target", "!=", "code")
    .executeTakeFirst();
  const times = [row?.pending, row?.running].filter((t) => t !== null && t !== undefined);
  return times.length === 0 ? null : new Date(Math.min(...times.map(Number)));
}

/** The deliveries of one run, oldest first. */
export async function listDeliveries(
  ctx: StoreContext,
  dagRunId: number,
): Promise<DeliveryRecord[]> {
  const rows = await ctx.db
    .selectFrom("callback_deliveries")
    .selectAll()
    .where("dag_run_id", "=", dagRunId)
    .orderBy("id")
    .execute();
  return rows.map(toDeliveryRecord);
}

/** A delivery by id, through `executor` (default the store's database). */
export async function getDelivery(
  ctx: StoreContext,
  id: number,
  executor?: Kysely<Database>,
): Promise<DeliveryRecord | null> {
  const row = await (executor ?? ctx.db)
    .selectFrom("callback_deliveries")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toDeliveryRecord(row) : null;
}

/** The delivery claimed under `claimId`, or null. */
export async function getDeliveryByClaim(
  ctx: StoreContext,
  claimId: string,
): Promise<DeliveryRecord | null> {
  const row = await ctx.db
    .selectFrom("callback_deliveries")
    .selectAll()
    .where("claim_id", "=", claimId)
    .executeTakeFirst();
  return row ? toDeliveryRecord(row) : null;
}

function toDeliveryRecord(r: Selectable<CallbackDeliveriesTable>): DeliveryRecord {
  return {
    id: Number(r.id),
    dagRunId: Number(r.dag_run_id),
    dagId: r.dag_id,
    runId: r.run_id,
    taskId: r.task_id,
    mapIndex: r.map_index,
    tryNumber: r.try_number,
    dagVersionId: Number(r.dag_version_id),
    scope: r.scope as CallbackScope,
    event: r.event as CallbackEvent,
    target: r.target as DeliveryTarget,
    notifier: r.notifier === null ? null : (JSON.parse(r.notifier) as NotifierSpec),
    queue: r.queue,
    info: JSON.parse(r.info) as CallbackInfo,
    state: r.state as DeliveryState,
    tries: r.tries,
    nextTryAt: new Date(Number(r.next_try_at)),
    claimId: r.claim_id,
    claimedBy: r.claimed_by,
    leaseExpiresAt: toDate(r.lease_expires_at === null ? null : Number(r.lease_expires_at)),
    lastError: r.last_error,
    output: r.output,
    createdAt: new Date(Number(r.created_at)),
    finishedAt: toDate(r.finished_at === null ? null : Number(r.finished_at)),
  };
}
