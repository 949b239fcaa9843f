import {
  BordaError,
  type CallbackAck,
  type CallbackJob,
  type CallbackReport,
  DeliveryState,
  ErrorCode,
  findTask,
  TaskRuntime,
} from "@borda/protocol";
import type { Logger } from "pino";
import { tokenCoversQueue } from "../auth/workerTokens.js";
import type { AttemptReader } from "../credentials/credentials.js";
import { deliveryFailedEvent } from "../notifications/deliveryFailedEvent.js";
import type { Clock } from "../scheduler/clock.js";
import { resolveParams } from "../scheduler/validateConf.js";
import type { DeliveryRecord, Store, WorkerTokenRecord } from "../store/index.js";

/**
 * Code callbacks on the worker side of the control plane (docs/notifications.md): a fetch
 * from a worker that runs callbacks (protocol 1.3) claims those due on its queues, and the
 * worker reports each one's end under its claim id. A claim lapses after the callback's
 * timeout plus the worker's timeout, and is then claimed again (at least once); a report
 * under a lapsed claim is refused (409), so a callback is recorded once.
 */

/** How long a callback may run before its worker stops it. */
export const callbackTimeoutMs = 60_000;
/** Times a code callback is handed out before, lost each time, it fails for good. */
export const maxCallbackClaims = 3;
/** Callbacks handed out per fetch (they take no slot, so they need a cap of their own). */
const callbacksPerFetch = 10;

export class CallbackJobs {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #logger: Logger;

  constructor(options: { store: Store; clock: Clock; logger: Logger }) {
    this.#store = options.store;
    this.#clock = options.clock;
    this.#logger = options.logger;
  }

  /** Claims the callbacks due on `queues` for worker `name`, with what it needs to run them. */
  async claim(name: string, queues: readonly string[], workerTimeoutMs: number) {
    const now = this.#clock.now();
    const claimed = await this.#store.claimCallbackJobs(
      {
        claimedBy: name,
        queues,
        limit: callbacksPerFetch,
        leaseMs: callbackTimeoutMs + workerTimeoutMs,
        maxTries: maxCallbackClaims,
      },
      now,
    );
    const jobs: CallbackJob[] = [];
    for (const delivery of claimed) {
      const job = await this.#build(delivery);
      if (job) jobs.push(job);
    }
    return jobs;
  }

  async #build(delivery: DeliveryRecord): Promise<CallbackJob | null> {
    const version = await this.#store.getDagVersion(delivery.dagVersionId);
    const task = version && delivery.taskId ? findTask(version.spec, delivery.taskId) : undefined;
    const run = await this.#store.getDagRunById(delivery.dagRunId);
    if (!version || !task || !run) {
      await this.#store.finishDelivery(
        {
          id: delivery.id,
          claimId: delivery.claimId ?? "",
          error: "Its run or DAG version no longer exists.",
        },
        this.#clock.now(),
      );
      return null;
    }
    // A callback runs in the language of the file that declared it: a Python or
    // Airflow-style DAG file declares its tasks itself (`callable` null).
    const python = task.python?.callable === null ? task.python : undefined;
    return {
      callbackId: String(delivery.id),
      claimId: delivery.claimId ?? "",
      dagId: delivery.dagId,
      runId: delivery.runId,
      taskId: task.taskId,
      mapIndex: delivery.mapIndex,
      queue: delivery.queue ?? task.queue,
      bundleHash: version.bundleHash,
      ...(python ? { runtime: TaskRuntime.python, python } : {}),
      timeoutMs: callbackTimeoutMs,
      context: {
        dagId: run.dagId,
        runId: run.runId,
        taskId: task.taskId,
        tryNumber: delivery.tryNumber ?? 0,
        logicalDate: run.logicalDate.toISOString(),
        dataIntervalStart: run.dataIntervalStart?.toISOString() ?? null,
        dataIntervalEnd: run.dataIntervalEnd?.toISOString() ?? null,
        params: resolveParams(version.spec, run.conf),
        conf: run.conf,
        inputs: {},
        upstream: {},
      },
      callback: delivery.info,
    };
  }

  /**
   * The running callback claimed under `claimId` by worker `name`, as the reader of
   * connections, variables and XComs it asks for: it reads what its task may, in the
   * task's queue's scope, and only while it runs (like an attempt). Null when there is none.
   */
  async reader(
    token: WorkerTokenRecord,
    name: string,
    claimId: string,
  ): Promise<(AttemptReader["attempt"] & { dagRunId: number }) | null> {
    const delivery = await this.#store.getDeliveryByClaim(claimId);
    if (
      delivery?.target !== "code" ||
      delivery.state !== DeliveryState.running ||
      delivery.claimedBy !== name ||
      delivery.taskId === null ||
      !tokenCoversQueue(token, delivery.queue ?? "")
    ) {
      return null;
    }
    return {
      attemptId: claimId,
      dagRunId: delivery.dagRunId,
      queue: delivery.queue ?? "",
      dagId: delivery.dagId,
      runId: delivery.runId,
      taskId: delivery.taskId,
      mapIndex: delivery.mapIndex,
      tryNumber: delivery.tryNumber ?? 0,
    };
  }

  /** The worker reports how a callback it was handed ended. */
  async report(
    token: WorkerTokenRecord,
    name: string,
    callbackId: number,
    report: CallbackReport,
  ): Promise<CallbackAck> {
    const delivery = await this.#store.getDelivery(callbackId);
    if (
      delivery?.target !== "code" ||
      delivery.claimedBy !== name ||
      !tokenCoversQueue(token, delivery.queue ?? "")
    ) {
      throw new BordaError(
        ErrorCode.staleAttempt,
        `Callback ${callbackId} is not held by worker '${name}'. Drop it.`,
        { details: { callbackId: String(callbackId) } },
      );
    }
    // PostgreSQL text holds no NUL.
    const output = report.output.replaceAll("\u0000", "?");
    const error = report.error?.replaceAll("\u0000", "?") ?? null;
    const finished = await this.#store.finishDelivery(
      { id: callbackId, claimId: report.claimId, error, output },
      this.#clock.now(),
    );
    if (error !== null) {
      this.#logger.warn(
        { callbackId, dagId: delivery.dagId, runId: delivery.runId, taskId: delivery.taskId },
        "a callback failed",
      );
      await this.#store.recordEvent(deliveryFailedEvent(finished, this.#clock.now()));
    }
    return { callbackId: String(callbackId), state: finished.state };
  }
}
