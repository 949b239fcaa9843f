import {
  type BackfillPostBody,
  BordaError,
  type DagRunState,
  type DagSpec,
  ErrorCode,
  type ReprocessBehavior,
} from "@borda/protocol";
import type { Logger } from "pino";
import type { BackfillPolicy, BackfillRecord, DagRunRecord, Store } from "../store/index.js";
import type { Clock } from "./clock.js";
import { runIdInstant } from "./runIds.js";
import { type DagRunInfo, dagRunInfosBetween, timetableOf, toInstant } from "./timetable.js";
import { validateConf } from "./validateConf.js";

/** Most logical dates one backfill may cover: ten thousand days, or a year of hourly runs. */
export const maxBackfillDates = 10_000;

export interface BackfillRequest {
  dagId: string;
  fromDate: string;
  toDate: string;
  runBackwards?: boolean | undefined;
  dagRunConf?: Record<string, unknown> | undefined;
  reprocessBehavior?: BackfillPostBody["reprocess_behavior"];
  maxActiveRuns?: number | undefined;
  triggeringUserName?: string | null | undefined;
}

/** Airflow 3's run ids and reasons for a date left without a run. */
const backfillPolicy: BackfillPolicy = {
  runIdOf: (logicalDate) => `backfill__${runIdInstant(logicalDate)}`,
  noRerunReason(state: DagRunState, behavior: ReprocessBehavior) {
    if (state !== "success" && state !== "failed") return "in flight";
    if (behavior === "completed") return null;
    if (behavior === "failed" && state === "failed") return null;
    return "already exists";
  },
};

/**
 * Backfills: checking a request against the DAG's timetable, creating and cancelling
 * them, and the driver that gives their dates runs. The driver is event driven: the
 * scheduler calls `advance()` when a backfill is created or unpaused and whenever a run
 * finishes, so the next date's run is created in the call that ended the last one; the
 * safety pass calls it too. See `store.advanceBackfills` for why replicas cannot
 * duplicate a date or exceed a backfill's limit.
 */
export class BackfillDriver {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #logger: Logger;
  /** Starts queued runs (the scheduler's), so a backfill's first runs start at once. */
  readonly #startRuns: () => Promise<void>;

  constructor(options: {
    store: Store;
    clock: Clock;
    logger: Logger;
    startRuns: () => Promise<void>;
  }) {
    this.#store = options.store;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#startRuns = options.startRuns;
  }

  /** The logical dates `request` would give a run now, in order (Airflow's dry run). */
  async dryRun(request: BackfillRequest): Promise<Date[]> {
    const { plan, behavior } = await this.#plan(request);
    if (plan.length === 0) return [];
    const existing = await this.#store.listDagRuns({
      dagId: request.dagId,
      logicalDate: { gte: earliest(plan), lte: latest(plan) },
    });
    // The newest run of a date is the one judged, as the driver does.
    const byDate = new Map<number, DagRunRecord>();
    for (const run of existing) {
      const seen = byDate.get(run.logicalDate.getTime());
      if (!seen || (run.startDate?.getTime() ?? 0) > (seen.startDate?.getTime() ?? 0)) {
        byDate.set(run.logicalDate.getTime(), run);
      }
    }
    return plan
      .filter((info) => {
        const run = byDate.get(info.logicalDate.getTime());
        return !run || backfillPolicy.noRerunReason(run.state, behavior) === null;
      })
      .map((info) => info.logicalDate);
  }

  /** Creates a backfill and its first runs. */
  async create(request: BackfillRequest): Promise<BackfillRecord> {
    const { spec, plan, behavior, from, to } = await this.#plan(request);
    if (plan.length === 0) {
      throw new BordaError(
        ErrorCode.invalidInput,
        `DAG '${request.dagId}' has no logical date between ${from.toISOString()} and ${to.toISOString()} whose data interval has ended: widen the range or wait until it ends.`,
      );
    }
    const backfill = await this.#store.createBackfill(
      {
        dagId: request.dagId,
        fromDate: from,
        toDate: to,
        dagRunConf: request.dagRunConf ?? {},
        reprocessBehavior: behavior,
        maxActiveRuns: request.maxActiveRuns ?? spec.maxActiveRuns,
        triggeringUserName: request.triggeringUserName ?? null,
      },
      plan.map((info) => ({
        logicalDate: info.logicalDate,
        dataIntervalStart: info.dataInterval.start,
        dataIntervalEnd: info.dataInterval.end,
      })),
      this.#clock.now(),
    );
    this.#logger.info(
      { dagId: request.dagId, backfillId: backfill.id, dates: plan.length },
      "backfill created",
    );
    await this.advance();
    return (await this.#store.getBackfill(backfill.id)) ?? backfill;
  }

  async pause(id: number, paused: boolean): Promise<BackfillRecord> {
    const backfill = await this.#store.setBackfillPaused(id, paused, this.#clock.now());
    if (!backfill) throw backfillNotFound(id);
    if (!paused) await this.advance();
    return backfill;
  }

  /** Creates no more runs, fails its queued ones, and completes it (Airflow 3's cancel). */
  async cancel(id: number): Promise<BackfillRecord> {
    const backfill = await this.#store.cancelBackfill(id, this.#clock.now());
    if (!backfill) throw backfillNotFound(id);
    this.#logger.info({ dagId: backfill.dagId, backfillId: id }, "backfill cancelled");
    return backfill;
  }

  /** The driver step: gives pending dates their runs within each backfill's limit, and starts them. */
  async advance(): Promise<void> {
    const queued = await this.#store.advanceBackfills(this.#clock.now(), backfillPolicy);
    if (queued > 0) await this.#startRuns();
  }

  /** Checks a request and computes its dates, oldest first (newest first with run_backwards). */
  async #plan(request: BackfillRequest): Promise<{
    spec: DagSpec;
    plan: DagRunInfo[];
    behavior: ReprocessBehavior;
    from: Date;
    to: Date;
  }> {
    const dag = await this.#store.getDag(request.dagId);
    const spec = dag?.isActive ? dag.currentVersion?.spec : undefined;
    if (!spec) throw dagNotBackfillable(request.dagId);
    const from = toInstant(request.fromDate, spec.timezone);
    const to = toInstant(request.toDate, spec.timezone);
    if (from > to) {
      throw new BordaError(
        ErrorCode.invalidInput,
        `from_date (${from.toISOString()}) is after to_date (${to.toISOString()}): swap them.`,
      );
    }
    if (request.dagRunConf) validateConf(spec, request.dagRunConf);
    const plan = dagRunInfosBetween(
      timetableOf(spec),
      from,
      to,
      this.#clock.now(),
      maxBackfillDates,
    );
    if (plan.length > maxBackfillDates) {
      throw new BordaError(
        ErrorCode.invalidInput,
        `the range covers more than ${maxBackfillDates} logical dates of DAG '${request.dagId}': backfill it in parts.`,
      );
    }
    if (request.runBackwards) plan.reverse();
    const requested = request.reprocessBehavior ?? "none";
    return { spec, plan, behavior: requested === "all" ? "completed" : requested, from, to };
  }
}

const earliest = (plan: DagRunInfo[]) =>
  new Date(Math.min(...plan.map((info) => info.logicalDate.getTime())));
const latest = (plan: DagRunInfo[]) =>
  new Date(Math.max(...plan.map((info) => info.logicalDate.getTime())));

export const backfillNotFound = (id: number) =>
  new BordaError(ErrorCode.notFound, `Backfill ${id} not found.`);

/** The 404 for a DAG that cannot be backfilled; routes answer it for another team's too. */
export const dagNotBackfillable = (dagId: string) =>
  new BordaError(
    ErrorCode.notFound,
    `DAG '${dagId}' not found (or not parsed yet, or no longer in any DAG file).`,
  );
