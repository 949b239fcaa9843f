import {
  BordaError,
  ErrorCode,
  type ReportedWorkerState,
  type SysInfo,
  WorkerState,
} from "@borda/protocol";
import type { Selectable } from "kysely";
import type { WorkersTable } from "./database.js";
import type { StoreContext } from "./storeContext.js";

/**
 * Edge workers as the control plane remembers them: what each reported, and what an
 * admin asked of it (maintenance, shutdown, queue and concurrency changes). Admin
 * requests survive worker restarts; the state shown is derived from both.
 */

/**
 * What makes a worker `unknown`: no heartbeat for its worker timeout (its token's when it
 * registered, else `defaultTimeoutMs`) before `at`.
 */
export interface Liveness {
  at: Date;
  defaultTimeoutMs: number;
}

export interface WorkerRecord {
  name: string;
  instanceId: string;
  tokenId: string;
  team: string | null;
  /** The state to show: the worker's report, or a pending request, or `unknown` when silent. */
  state: WorkerState;
  reportedState: ReportedWorkerState;
  /** The queues it serves: those it was started with, plus and minus an admin's changes. */
  queues: string[];
  configuredQueues: string[];
  concurrency: number;
  freeSlots: number;
  runningAttempts: number;
  version: string;
  /** The worker protocol it registered with; "1.2" for one registered before this was kept. */
  protocolVersion: string;
  sysinfo: SysInfo;
  maintenanceRequested: boolean;
  maintenanceComment: string | null;
  /** Why the worker holds itself in maintenance (its disk, memory or health check); null: it does not. */
  selfMaintenance: string | null;
  shutdownRequested: boolean;
  firstOnline: Date;
  lastHeartbeat: Date;
  /** How long it may be silent before its attempts are given up. */
  workerTimeoutMs: number;
}

export interface WorkerRegistration {
  name: string;
  instanceId: string;
  tokenId: string;
  team: string | null;
  queues: string[];
  concurrency: number;
  version: string;
  protocolVersion: string;
  sysinfo: SysInfo;
  /** Its token's worker timeout; null: the server's. */
  workerTimeoutMs: number | null;
}

/**
 * Registers (or re-registers) a worker. A name held by a live worker of another
 * instance — one not silent for its worker timeout and not gone offline — is a
 * conflict. Maintenance requests and queue changes are kept; a pending shutdown is not
 * (the worker was shut down, and this is a new start).
 */
export async function registerWorker(
  ctx: StoreContext,
  worker: WorkerRegistration,
  liveness: Liveness,
  at: Date,
): Promise<WorkerRecord> {
  return ctx.write(async (trx) => {
    const existing = await trx
      .selectFrom("workers")
      .selectAll()
      .where("name", "=", worker.name)
      .executeTakeFirst();
    if (
      existing &&
      existing.instance_id !== worker.instanceId &&
      existing.reported_state !== WorkerState.offline &&
      !isSilent(existing, liveness)
    ) {
      throw new BordaError(
        ErrorCode.conflict,
        `A worker named '${worker.name}' is already online (last heartbeat ${new Date(existing.last_heartbeat).toISOString()}). Give this one another name (--hostname / BORDA_HOSTNAME), or stop the other.`,
      );
    }
    const now = at.getTime();
    const row = {
      instance_id: worker.instanceId,
      token_id: worker.tokenId,
      team: worker.team,
      reported_state: WorkerState.starting,
      configured_queues: JSON.stringify(worker.queues),
      configured_concurrency: worker.concurrency,
      free_slots: worker.concurrency,
      running_attempts: 0,
      version: worker.version,
      protocol_version: worker.protocolVersion,
      sysinfo: JSON.stringify(worker.sysinfo),
      shutdown_requested: 0,
      self_maintenance: null,
      first_online: now,
      last_heartbeat: now,
      worker_timeout_ms: worker.workerTimeoutMs,
    };
    if (existing) {
      await trx.updateTable("workers").set(row).where("name", "=", worker.name).execute();
    } else {
      await trx
        .insertInto("workers")
        .values({
          ...row,
          name: worker.name,
          added_queues: "[]",
          removed_queues: "[]",
          concurrency_override: null,
          maintenance_requested: 0,
          maintenance_comment: null,
        })
        .execute();
    }
    const saved = await trx
      .selectFrom("workers")
      .selectAll()
      .where("name", "=", worker.name)
      .executeTakeFirstOrThrow();
    return toWorkerRecord(saved, liveness);
  });
}

export interface HeartbeatReport {
  instanceId: string;
  state: ReportedWorkerState;
  freeSlots: number;
  runningAttempts: number;
  sysinfo?: SysInfo;
  /** Protocol 1.4: why the worker holds itself in maintenance; null or absent when it does not. */
  selfMaintenance?: string | null;
}

/** Records a worker's heartbeat. Only the registered instance may heartbeat under the name. */
export async function recordHeartbeat(
  ctx: StoreContext,
  name: string,
  report: HeartbeatReport,
  liveness: Liveness,
  at: Date,
): Promise<WorkerRecord> {
  const [recorded] = await recordHeartbeats(ctx, [{ name, report }], liveness, at);
  if (recorded instanceof BordaError) throw recorded;
  return recorded as WorkerRecord;
}

export interface HeartbeatOf {
  name: string;
  report: HeartbeatReport;
}

/**
 * Records the heartbeats of several workers in one write transaction: one commit for the
 * lot, where each alone would cost one. Each gets its worker's record, or the error
 * (`not_found`, `conflict`) it would have got alone; a failed write fails them all.
 */
export async function recordHeartbeats(
  ctx: StoreContext,
  beats: readonly HeartbeatOf[],
  liveness: Liveness,
  at: Date,
): Promise<(WorkerRecord | BordaError)[]> {
  const rows = await ctx.write(async (trx) => {
    const updated = [];
    for (const { name, report } of beats) {
      const row = await trx
        .updateTable("workers")
        .set({
          reported_state: report.state,
          free_slots: report.freeSlots,
          running_attempts: report.runningAttempts,
          last_heartbeat: at.getTime(),
          self_maintenance: report.selfMaintenance ?? null,
          ...(report.sysinfo ? { sysinfo: JSON.stringify(report.sysinfo) } : {}),
        })
        .where("name", "=", name)
        .where("instance_id", "=", report.instanceId)
        .returningAll()
        .executeTakeFirst();
      updated.push(row);
    }
    return updated;
  });
  return Promise.all(
    rows.map(async (row, i) => {
      if (row) return toWorkerRecord(row, liveness);
      const name = beats[i]?.name ?? "";
      if (!(await getWorker(ctx, name, liveness))) {
        return new BordaError(
          ErrorCode.notFound,
          `Worker '${name}' is not registered; register first.`,
        );
      }
      return new BordaError(
        ErrorCode.conflict,
        `Another instance of worker '${name}' registered since; this one must stop.`,
      );
    }),
  );
}

export async function getWorker(
  ctx: StoreContext,
  name: string,
  liveness: Liveness,
): Promise<WorkerRecord | null> {
  const row = await ctx.db
    .selectFrom("workers")
    .selectAll()
    .where("name", "=", name)
    .executeTakeFirst();
  return row ? toWorkerRecord(row, liveness) : null;
}

export async function listWorkers(ctx: StoreContext, liveness: Liveness): Promise<WorkerRecord[]> {
  const rows = await ctx.db.selectFrom("workers").selectAll().orderBy("name").execute();
  return rows.map((row) => toWorkerRecord(row, liveness));
}

/** An admin's change to a worker; reaches the worker on its next heartbeat or fetch answer. */
export type WorkerChange =
  | { kind: "maintenance"; on: boolean; comment?: string | null }
  | { kind: "shutdown" }
  | { kind: "addQueue"; queue: string }
  | { kind: "removeQueue"; queue: string }
  | { kind: "concurrency"; concurrency: number };

export async function changeWorker(
  ctx: StoreContext,
  name: string,
  change: WorkerChange,
  liveness: Liveness,
): Promise<WorkerRecord> {
  return ctx.write(async (trx) => {
    const row = await trx
      .selectFrom("workers")
      .selectAll()
      .where("name", "=", name)
      .executeTakeFirst();
    if (!row) throw new BordaError(ErrorCode.notFound, `No worker named '${name}'.`);
    const added = parseList(row.added_queues);
    const removed = parseList(row.removed_queues);
    const configured = parseList(row.configured_queues);
    let set: Partial<Selectable<WorkersTable>>;
    switch (change.kind) {
      case "maintenance":
        set = {
          maintenance_requested: change.on ? 1 : 0,
          maintenance_comment: change.on ? (change.comment ?? null) : null,
        };
        break;
      case "shutdown":
        set = { shutdown_requested: 1 };
        break;
      case "addQueue":
        set = {
          added_queues: JSON.stringify(
            configured.includes(change.queue) ? added : unique([...added, change.queue]),
          ),
          removed_queues: JSON.stringify(removed.filter((q) => q !== change.queue)),
        };
        break;
      case "removeQueue": {
        const remaining = effectiveQueues(configured, added, [...removed, change.queue]);
        if (remaining.length === 0) {
          throw new BordaError(
            ErrorCode.conflict,
            `'${change.queue}' is worker '${name}''s last queue; add another first, or put the worker in maintenance.`,
          );
        }
        set = {
          added_queues: JSON.stringify(added.filter((q) => q !== change.queue)),
          removed_queues: JSON.stringify(
            configured.includes(change.queue) ? unique([...removed, change.queue]) : removed,
          ),
        };
        break;
      }
      case "concurrency":
        if (!Number.isInteger(change.concurrency) || change.concurrency < 1) {
          throw new BordaError(
            ErrorCode.invalidInput,
            "concurrency must be a whole number, 1 or more.",
          );
        }
        set = { concurrency_override: change.concurrency };
        break;
    }
    const updated = await trx
      .updateTable("workers")
      .set(set)
      .where("name", "=", name)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toWorkerRecord(updated, liveness);
  });
}

/** Forgets a worker. Only one that is offline or unknown: a live worker would re-register anyway. */
export async function removeWorker(
  ctx: StoreContext,
  name: string,
  liveness: Liveness,
): Promise<void> {
  const worker = await getWorker(ctx, name, liveness);
  if (!worker) throw new BordaError(ErrorCode.notFound, `No worker named '${name}'.`);
  const gone: WorkerState[] = [
    WorkerState.offline,
    WorkerState.offlineMaintenance,
    WorkerState.unknown,
  ];
  if (!gone.includes(worker.state)) {
    throw new BordaError(
      ErrorCode.conflict,
      `Worker '${name}' is ${worker.state}; shut it down first (only offline or unknown workers can be removed).`,
    );
  }
  await ctx.db.deleteFrom("workers").where("name", "=", name).execute();
}

/**
 * The state to show. A worker's own report wins, except that a request it has not acted
 * on yet shows as that request, and a worker silent for its worker timeout is `unknown`.
 * A maintenance the worker entered by itself (`self_maintenance`) shows as it reports it.
 */
function deriveState(row: Selectable<WorkersTable>, liveness: Liveness): WorkerState {
  const reported = row.reported_state as ReportedWorkerState;
  const inMaintenance =
    reported === WorkerState.maintenancePending || reported === WorkerState.maintenanceMode;
  if (reported === WorkerState.offline) {
    return row.maintenance_requested ? WorkerState.offlineMaintenance : WorkerState.offline;
  }
  if (isSilent(row, liveness)) return WorkerState.unknown;
  if (row.shutdown_requested && reported !== WorkerState.terminating)
    return WorkerState.shutdownRequest;
  if (row.maintenance_requested && !inMaintenance && reported !== WorkerState.terminating) {
    return WorkerState.maintenanceRequest;
  }
  // In maintenance that no operator asked for: the worker's own, unless it is leaving one.
  if (!row.maintenance_requested && inMaintenance && row.self_maintenance === null) {
    return WorkerState.maintenanceExit;
  }
  return reported;
}

function isSilent(row: Selectable<WorkersTable>, liveness: Liveness): boolean {
  const timeoutMs = row.worker_timeout_ms ?? liveness.defaultTimeoutMs;
  return row.last_heartbeat <= liveness.at.getTime() - timeoutMs;
}

function effectiveQueues(configured: string[], added: string[], removed: string[]): string[] {
  return unique([...configured, ...added]).filter((q) => !removed.includes(q));
}

function parseList(json: string): string[] {
  return JSON.parse(json) as string[];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function toWorkerRecord(row: Selectable<WorkersTable>, liveness: Liveness): WorkerRecord {
  const configured = parseList(row.configured_queues);
  return {
    name: row.name,
    instanceId: row.instance_id,
    tokenId: row.token_id,
    team: row.team,
    state: deriveState(row, liveness),
    reportedState: row.reported_state as ReportedWorkerState,
    queues: effectiveQueues(configured, parseList(row.added_queues), parseList(row.removed_queues)),
    configuredQueues: configured,
    concurrency: row.concurrency_override ?? row.configured_concurrency,
    freeSlots: row.free_slots,
    runningAttempts: row.running_attempts,
    version: row.version,
    protocolVersion: row.protocol_version ?? "1.2",
    sysinfo: JSON.parse(row.sysinfo) as SysInfo,
    maintenanceRequested: row.maintenance_requested === 1,
    maintenanceComment: row.maintenance_comment,
    selfMaintenance: row.self_maintenance,
    shutdownRequested: row.shutdown_requested === 1,
    firstOnline: new Date(row.first_online),
    lastHeartbeat: new Date(row.last_heartbeat),
    workerTimeoutMs: row.worker_timeout_ms ?? liveness.defaultTimeoutMs,
  };
}
