import {
  AttemptState,
  BordaError,
  ErrorCode,
  type ExternalStateRequest,
  type ExternalStateResponse,
  edgeProtocolVersion,
  type FailureReport,
  type FetchRequest,
  type FetchResponse,
  findTask,
  type HeartbeatRequest,
  type LogChunk,
  type NextJobsRequest,
  protocolMinorOf,
  type RegisterRequest,
  type RegisterResponse,
  type ReleaseReport,
  type RescheduleReport,
  type SuccessReport,
  sensorsProtocolMinor,
  startOnClaimProtocolMinor,
  type TaskConnection,
  type TaskVariable,
  type WorkerDirectives,
  type XcomPullResponse,
} from "@borda/protocol";
import type { Logger } from "pino";
import {
  requireQueuesInScope,
  tokenCoversQueue,
  VerifiedWorkerTokens,
} from "../auth/workerTokens.js";
import type { Credentials } from "../credentials/credentials.js";
import { LogFollower } from "../logs/logFollower.js";
import type { Clock } from "../scheduler/clock.js";
import type { Scheduler } from "../scheduler/scheduler.js";
import type {
  AttemptRecord,
  Liveness,
  Store,
  WorkerChange,
  WorkerRecord,
  WorkerTokenRecord,
} from "../store/index.js";
import { buildJobs } from "./buildJobs.js";
import { CallbackJobs } from "./callbackJobs.js";
import { HeartbeatBatch } from "./heartbeatBatch.js";
import { OpenPolls } from "./openPolls.js";

export interface EdgeServiceOptions {
  store: Store;
  scheduler: Scheduler;
  secretKey: Buffer;
  /** Connections and variables, which running tasks read one at a time. */
  credentials: Credentials;
  logger: Logger;
  clock: Clock;
  serverVersion: string;
  heartbeatIntervalMs: number;
  /**
   * A worker silent this long is `unknown`, and the lease of its attempts: the default,
   * which a worker token's own timeout overrides.
   */
  workerTimeoutMs: number;
  fetchWaitMs: number;
  /** Largest return value (serialised JSON) stored as XCom. */
  maxReturnValueBytes: number;
  /** Told of log bytes received, for the control plane's metrics. */
  observer?: { logBytesIngested(bytes: number): void };
}

/**
 * The control plane's side of the worker API: authenticates tokens, keeps worker
 * records, hands out jobs (long-poll) and records what workers report. Routes are thin
 * wrappers around it; admin actions on workers go through it too, so they reach a
 * waiting worker at once.
 */
export class EdgeService {
  readonly polls: OpenPolls;
  /** Followers of live logs (the log endpoints stream from it). */
  readonly logs: LogFollower;
  /** Code callbacks for workers that run them (protocol 1.3). */
  readonly callbacks: CallbackJobs;
  readonly #o: EdgeServiceOptions;
  readonly #lastUseRecorded = new Map<string, number>();
  /** Heartbeats are written in batches: one commit for all that arrive together. */
  readonly #heartbeats: HeartbeatBatch;
  readonly #tokens: VerifiedWorkerTokens;

  constructor(options: EdgeServiceOptions) {
    this.#o = options;
    this.polls = new OpenPolls();
    this.#tokens = new VerifiedWorkerTokens({
      store: options.store,
      secretKey: options.secretKey,
      clock: options.clock,
      onRevoked: (tokenIds) => this.polls.revokeTokens(tokenIds),
    });
    this.logs = new LogFollower(options.store);
    this.callbacks = new CallbackJobs(options);
    this.#heartbeats = new HeartbeatBatch(options.store, options.clock, () => this.#liveness());
  }

  get options(): Readonly<EdgeServiceOptions> {
    return this.#o;
  }

  async authenticate(authorization: string | undefined): Promise<WorkerTokenRecord> {
    const token = await this.#tokens.verify(authorization);
    // "Last used" is for people auditing tokens: a minute's precision spares a write per call.
    const now = this.#o.clock.now();
    if (now.getTime() - (this.#lastUseRecorded.get(token.id) ?? 0) > 60_000) {
      this.#lastUseRecorded.set(token.id, now.getTime());
      await this.#o.store.markWorkerTokenUsed(token.id, now);
    }
    return token;
  }

  /** Tokens revoked on this replica: refused from the next call on, and their long-polls end now. */
  tokensRevoked(tokenIds: readonly string[]): void {
    this.#tokens.forget(tokenIds);
    this.polls.revokeTokens(tokenIds);
  }

  /** The server is stopping: every long-poll answers now, and revocation checks stop. */
  close(): void {
    this.polls.endAll();
    this.#tokens.stop();
  }

  async register(
    token: WorkerTokenRecord,
    name: string,
    request: RegisterRequest,
  ): Promise<RegisterResponse> {
    const [major] = request.protocolVersion.split(".");
    if (major !== edgeProtocolVersion.split(".")[0]) {
      throw new BordaError(
        ErrorCode.unsupportedVersion,
        `This control plane speaks worker protocol ${edgeProtocolVersion}; the worker speaks ${request.protocolVersion}. Install a matching worker (server version ${this.#o.serverVersion}).`,
      );
    }
    requireQueuesInScope(token, request.queues);
    const worker = await this.#o.store.registerWorker(
      {
        name,
        instanceId: request.instanceId,
        tokenId: token.id,
        team: token.team,
        queues: request.queues,
        concurrency: request.concurrency,
        version: request.version,
        protocolVersion: request.protocolVersion,
        sysinfo: request.sysinfo,
        workerTimeoutMs: token.workerTimeoutMs,
      },
      this.#liveness(),
      this.#o.clock.now(),
    );
    this.#o.logger.info(
      { worker: name, queues: worker.queues, token: token.name },
      "worker registered",
    );
    return {
      directives: this.#directives(worker, token, []),
      heartbeatIntervalMs: this.#o.heartbeatIntervalMs,
      fetchWaitMs: this.#o.fetchWaitMs,
      serverVersion: this.#o.serverVersion,
      workerTimeoutMs: this.#timeoutOf(token),
    };
  }

  /** Records the heartbeat, keeps the leases of the worker's attempts alive, says what to do. */
  async heartbeat(
    token: WorkerTokenRecord,
    name: string,
    request: HeartbeatRequest,
  ): Promise<WorkerDirectives> {
    const now = this.#o.clock.now();
    try {
      const worker = await this.#heartbeats.record(name, {
        instanceId: request.instanceId,
        state: request.state,
        freeSlots: request.freeSlots,
        runningAttempts: request.runningAttemptIds.length,
        sysinfo: request.sysinfo,
        selfMaintenance: request.selfMaintenance ?? null,
      });
      this.#requireOwnToken(worker, token);
      const cancel = await this.#o.store.extendLeases(name, request.runningAttemptIds, now);
      return this.#directives(worker, token, cancel);
    } catch (error) {
      // A heartbeat the database could not take went unheard: no lease may lapse for it.
      if (!(error instanceof BordaError)) this.#o.scheduler.attempts.noteStoreTrouble();
      throw error;
    }
  }

  /**
   * Long-poll: answers as soon as work on the worker's queues fits its free slots, when
   * an admin changes the worker, or after the wait. The waiter is registered before the
   * claim, so work queued between the two is never missed.
   */
  async fetch(
    token: WorkerTokenRecord,
    name: string,
    request: FetchRequest,
    closed: AbortSignal,
  ): Promise<FetchResponse> {
    const waitMs = request.waitMs ?? this.#o.fetchWaitMs;
    const deadline = Date.now() + waitMs;
    const poll = this.polls.open(name, token.id);
    const onClosed = () => poll.end("shutdown");
    closed.addEventListener("abort", onClosed, { once: true });
    try {
      // Read once per fetch, not per wake: a change to the worker on this replica ends the
      // poll (and is read below); one made on another replica is seen by its next fetch.
      const worker = await this.#requireInstance(name, request.instanceId, token);
      const directives = this.#directives(worker, token, []);
      if (directives.maintenance || directives.shutdown) return { jobs: [], directives };
      for (;;) {
        const woken = this.#o.scheduler.notifier.waitForJobs(
          directives.queues,
          deadline - Date.now(),
          poll,
        );
        const answer = await this.#claimFor(worker, token, directives, request, closed);
        if (answer.jobs.length > 0 || answer.callbacks) return answer;
        const outcome = await woken;
        if (poll.ended) {
          if (poll.ended === "revoked") await this.#authenticateAgain(token);
          const latest = await this.#requireInstance(name, request.instanceId, token);
          return { jobs: [], directives: this.#directives(latest, token, []) };
        }
        if (outcome === "timeout" || Date.now() >= deadline) return { jobs: [], directives };
      }
    } finally {
      closed.removeEventListener("abort", onClosed);
      poll.close();
    }
  }

  /**
   * A final report's request for the worker's next jobs (protocol 1.5): claimed at once,
   * without waiting, as a fetch would claim them. Null when the worker may not be handed
   * work (another instance took its name, it registered again elsewhere): the report
   * itself is recorded all the same, and the worker's fetch finds out what is wrong.
   */
  async claimNext(
    token: WorkerTokenRecord,
    name: string,
    request: NextJobsRequest,
    closed: AbortSignal,
  ): Promise<FetchResponse | null> {
    const worker = await this.#requireInstance(name, request.instanceId, token).catch(
      (error: unknown) => {
        if (error instanceof BordaError) return null;
        throw error;
      },
    );
    if (!worker) return null;
    const directives = this.#directives(worker, token, []);
    if (directives.maintenance || directives.shutdown) return { jobs: [], directives };
    return this.#claimFor(worker, token, directives, request, closed);
  }

  /**
   * Jobs claimed for a fetch whose answer never reached the worker (its connection closed
   * first) go back to their queue on the same try: they cost no try and run once.
   */
  async releaseUndelivered(name: string, jobs: readonly { attemptId: string }[]): Promise<void> {
    for (const job of jobs) {
      const released = await this.#o.scheduler.attempts.releaseClaim({
        kind: "released",
        attemptId: job.attemptId,
        workerName: name,
      });
      if (released) {
        this.#o.logger.info(
          { worker: name, attemptId: job.attemptId, requeuedAs: released.requeuedAs },
          "a fetch answer was not delivered: its job is back on the queue, on the same try",
        );
      }
    }
  }

  /**
   * The worker gives back a job it claimed and will not start (draining, maintenance),
   * also one whose start its claim recorded (protocol 1.5) until a heartbeat listed it.
   */
  async releaseClaim(
    token: WorkerTokenRecord,
    name: string,
    attemptId: string,
    report: ReleaseReport,
  ): Promise<AttemptRecord> {
    const attempt = await this.#requireAttempt(token, name, attemptId);
    if (attempt.state !== AttemptState.claimed && !attempt.startUnconfirmed) {
      throw new BordaError(
        ErrorCode.staleAttempt,
        `Attempt '${attemptId}' is ${attempt.state}: only a claimed job that has not started can be released. Report its result instead.`,
        { details: { attemptId, state: attempt.state } },
      );
    }
    const released = await this.#o.scheduler.attempts.releaseClaim({
      kind: "released",
      attemptId,
      workerName: name,
    });
    if (!released) {
      throw notCurrent(attemptId, (await this.#o.store.getAttempt(attemptId))?.state ?? null);
    }
    this.#o.logger.info(
      {
        worker: name,
        attemptId,
        requeuedAs: released.requeuedAs,
        reason: withoutNul(report.reason),
      },
      "a worker released a job it claimed: back on the queue, on the same try",
    );
    return { ...attempt, state: AttemptState.queued };
  }

  /** Idempotent for the worker holding the attempt: a start resent after a lost answer is acknowledged. */
  async reportStart(
    token: WorkerTokenRecord,
    name: string,
    attemptId: string,
  ): Promise<AttemptRecord> {
    const attempt = await this.#requireAttempt(token, name, attemptId);
    if (attempt.state === AttemptState.running && !attempt.startUnconfirmed) return attempt;
    return this.#o.scheduler.attempts.startAttempt(attemptId);
  }

  async reportSuccess(
    token: WorkerTokenRecord,
    name: string,
    attemptId: string,
    report: SuccessReport,
  ): Promise<AttemptRecord> {
    const held = await this.#requireAttempt(token, name, attemptId);
    const invalid = await this.#o.scheduler.attempts.invalidResult(held, report.returnValue);
    if (invalid !== null)
      return this.#o.scheduler.attempts.failAttempt(attemptId, { error: invalid });
    const values: [string, unknown][] = Object.entries(report.xcoms ?? {});
    if (report.returnValue !== undefined) values.push(["return_value", report.returnValue]);
    for (const [key, value] of values) {
      const bytes = Buffer.byteLength(JSON.stringify(value), "utf8");
      if (bytes > this.#o.maxReturnValueBytes) {
        const what = key === "return_value" ? "return value" : `XCom '${key}'`;
        const message = `The task's ${what} is ${formatBytes(bytes)}; the limit is ${formatBytes(this.#o.maxReturnValueBytes)}. Return a reference to the data (a path, a URL) instead.`;
        await this.#o.scheduler.attempts.failAttempt(attemptId, { error: message });
        throw new BordaError(ErrorCode.payloadTooLarge, message);
      }
    }
    const attempt = await this.#o.scheduler.attempts.completeAttempt(attemptId, {
      returnValue: report.returnValue,
      xcoms: report.xcoms,
      renderedMapIndex:
        report.renderedMapIndex === undefined ? undefined : withoutNul(report.renderedMapIndex),
    });
    this.logs.changed(attemptId);
    return attempt;
  }

  async reportFailure(
    token: WorkerTokenRecord,
    name: string,
    attemptId: string,
    report: FailureReport,
  ): Promise<AttemptRecord> {
    await this.#requireAttempt(token, name, attemptId);
    const attempt = await this.#o.scheduler.attempts.failAttempt(
      attemptId,
      { error: withoutNul(report.error), exitCode: report.exitCode ?? null },
      { sensorTimeout: report.sensorTimeout ?? false, skipped: report.skipped ?? false },
    );
    this.logs.changed(attemptId);
    return attempt;
  }

  /** A reschedule-mode sensor's poke found its condition false: its slot is free until the next poke. */
  async reportReschedule(
    token: WorkerTokenRecord,
    name: string,
    attemptId: string,
    _report: RescheduleReport,
  ): Promise<AttemptRecord> {
    const held = await this.#requireAttempt(token, name, attemptId);
    const attempt = await this.#o.scheduler.attempts.rescheduleAttempt(held);
    this.logs.changed(attemptId);
    return attempt;
  }

  /**
   * The state of another DAG's run or task instance at a logical date, for a current
   * attempt (an external-task sensor). Any DAG may be asked about: the answer is a state
   * string and nothing else (no logs, XCom, conf or params), the same that the DAG's
   * grid shows every signed-in Viewer. The latest run at that logical date answers.
   */
  async externalState(
    token: WorkerTokenRecord,
    name: string,
    attemptId: string,
    request: ExternalStateRequest,
  ): Promise<ExternalStateResponse> {
    await this.#requireAttempt(token, name, attemptId);
    const exists = request.checkExistence
      ? { exists: await this.#dagHasTask(request.dagId, request.taskId) }
      : {};
    const at = new Date(request.logicalDate);
    const [run] = await this.#o.store.listDagRuns(
      { dagId: request.dagId, logicalDate: { gte: at, lte: at } },
      { orderBy: "logical_date", descending: true, limit: 1, offset: 0 },
    );
    if (!run) return { state: null, ...exists };
    if (request.taskId === null) return { state: run.state, ...exists };
    const [ti] = await this.#o.store.listTaskInstances({
      dagRunId: run.id,
      taskIds: [request.taskId],
    });
    return { state: ti?.state ?? null, ...exists };
  }

  /** Whether DAG `dagId` is active and, when `taskId` is given, its current version has that task. */
  async #dagHasTask(dagId: string, taskId: string | null): Promise<boolean> {
    const dag = await this.#o.store.getDag(dagId);
    if (!dag?.isActive || !dag.currentVersion) return false;
    return taskId === null || findTask(dag.currentVersion.spec, taskId) !== undefined;
  }

  /** XCom entries of the attempt's run, for a running task that pulls them. */
  async pullXcoms(
    token: WorkerTokenRecord,
    name: string,
    attemptId: string,
    request: { taskIds?: string[] | undefined; key: string },
  ): Promise<XcomPullResponse> {
    const attempt = await this.#requireReader(token, name, attemptId);
    // Which upstream tasks are mapped is the run's version's to say. An attempt carries it
    // (queued with its run's, which never changes); a code callback's claim does not.
    const versionId =
      "dagVersionId" in attempt
        ? attempt.dagVersionId
        : (await this.#o.store.getDagRunById(attempt.dagRunId))?.dagVersionId;
    const version = versionId === undefined ? null : await this.#o.store.getDagVersion(versionId);
    if (!version) return { values: [] };
    const found = await this.#o.store.readTaskValues(version.spec, {
      dagRunId: attempt.dagRunId,
      ...(request.taskIds ? { taskIds: request.taskIds } : {}),
      key: request.key,
    });
    const order = request.taskIds ?? [...found.keys()];
    return {
      values: order
        .filter((taskId) => found.has(taskId))
        .map((taskId) => ({ taskId, value: found.get(taskId) })),
    };
  }

  /** A connection, for a running attempt whose queue is in its scope. */
  async readConnection(
    token: WorkerTokenRecord,
    name: string,
    attemptId: string,
    connId: string,
  ): Promise<TaskConnection> {
    const attempt = await this.#requireReader(token, name, attemptId);
    return this.#o.credentials.connectionForAttempt({ attempt, token, workerName: name }, connId);
  }

  /** A variable, for a running attempt whose queue is in its scope. */
  async readVariable(
    token: WorkerTokenRecord,
    name: string,
    attemptId: string,
    key: string,
  ): Promise<TaskVariable> {
    const attempt = await this.#requireReader(token, name, attemptId);
    return this.#o.credentials.variableForAttempt({ attempt, token, workerName: name }, key);
  }

  /** Log chunks are accepted for any attempt the worker held, even one that has since ended. */
  async appendLog(token: WorkerTokenRecord, name: string, attemptId: string, chunk: LogChunk) {
    const attempt = await this.#requireAttempt(token, name, attemptId, { anyState: true });
    const ack = await this.#o.store.appendLogChunk(
      attemptId,
      { offset: chunk.offset, data: withoutNul(chunk.data) },
      this.#o.clock.now(),
      attempt.logOffset,
    );
    this.#o.observer?.logBytesIngested(Buffer.byteLength(chunk.data, "utf8"));
    this.logs.changed(attemptId);
    return ack;
  }

  async bundle(hash: string): Promise<Uint8Array> {
    const bundle = await this.#o.store.getBundle(hash);
    if (!bundle) throw new BordaError(ErrorCode.notFound, `No bundle ${hash}.`);
    return bundle;
  }

  /** An admin's change to a worker, delivered at once to its open long-poll. */
  async changeWorker(name: string, change: WorkerChange): Promise<WorkerRecord> {
    if (change.kind === "addQueue") {
      const worker = await this.#o.store.getWorker(name, this.#liveness());
      const token = worker && (await this.#o.store.findWorkerToken(worker.tokenId));
      if (token && !tokenCoversQueue(token, change.queue)) {
        throw new BordaError(
          ErrorCode.forbidden,
          `Worker '${name}' runs with token '${token.name}', which may serve ${token.queues.join(", ")}; not '${change.queue}'.`,
        );
      }
    }
    const worker = await this.#o.store.changeWorker(name, change, this.#liveness());
    this.polls.wakeWorker(name);
    return worker;
  }

  listWorkers(): Promise<WorkerRecord[]> {
    return this.#o.store.listWorkers(this.#liveness());
  }

  removeWorker(name: string): Promise<void> {
    return this.#o.store.removeWorker(name, this.#liveness());
  }

  /**
   * One claim for a worker that may take work: jobs up to its free slots (recorded as
   * started when it speaks 1.5) and, when it runs them, code callbacks.
   */
  async #claimFor(
    worker: WorkerRecord,
    token: WorkerTokenRecord,
    directives: WorkerDirectives,
    request: NextJobsRequest,
    closed: AbortSignal,
  ): Promise<FetchResponse> {
    const protocolMinor = protocolMinorOf(worker.protocolVersion);
    const claimed = await this.#o.scheduler.attempts.claimJobs({
      workerName: worker.name,
      queues: directives.queues,
      freeSlots: Math.min(request.freeSlots, worker.concurrency),
      leaseMs: this.#timeoutOf(token),
      protocolMinor,
      startOnClaim: protocolMinor >= startOnClaimProtocolMinor,
    });
    // A callback whose answer is lost is claimed again once its lease lapses.
    const callbacks =
      request.callbacks && protocolMinor >= sensorsProtocolMinor
        ? await this.callbacks.claim(worker.name, directives.queues, this.#timeoutOf(token))
        : [];
    if (claimed.length > 0 && closed.aborted) {
      // The worker left while the claim was made: the answer cannot reach it.
      await this.releaseUndelivered(worker.name, claimed);
      return { jobs: [], directives };
    }
    const jobs = claimed.length > 0 ? await buildJobs(this.#o.store, claimed) : [];
    return { jobs, ...(callbacks.length > 0 ? { callbacks } : {}), directives };
  }

  /** Re-checks a token whose revocation ended a poll: a revoked token gets 401. */
  async #authenticateAgain(token: WorkerTokenRecord): Promise<void> {
    const [revoked] = await this.#o.store.listRevokedTokenIds([token.id]);
    if (revoked) {
      throw new BordaError(ErrorCode.unauthenticated, `Worker token '${token.name}' was revoked.`);
    }
  }

  #liveness(): Liveness {
    return { at: this.#o.clock.now(), defaultTimeoutMs: this.#o.workerTimeoutMs };
  }

  /** How long a worker with this token may be silent: the token's timeout, else the server's. */
  #timeoutOf(token: WorkerTokenRecord): number {
    return token.workerTimeoutMs ?? this.#o.workerTimeoutMs;
  }

  #directives(
    worker: WorkerRecord,
    token: WorkerTokenRecord,
    cancelAttemptIds: string[],
  ): WorkerDirectives {
    return {
      queues: worker.queues.filter((q) => tokenCoversQueue(token, q)),
      concurrency: worker.concurrency,
      maintenance: worker.maintenanceRequested,
      maintenanceComment: worker.maintenanceComment,
      shutdown: worker.shutdownRequested,
      cancelAttemptIds,
    };
  }

  #requireOwnToken(worker: WorkerRecord, token: WorkerTokenRecord): void {
    if (worker.tokenId !== token.id) {
      throw new BordaError(
        ErrorCode.forbidden,
        `Worker '${worker.name}' registered with another token; use that one, or register again.`,
      );
    }
  }

  async #requireInstance(
    name: string,
    instanceId: string,
    token: WorkerTokenRecord,
  ): Promise<WorkerRecord> {
    const worker = await this.#o.store.getWorker(name, this.#liveness());
    if (!worker)
      throw new BordaError(
        ErrorCode.notFound,
        `Worker '${name}' is not registered; register first.`,
      );
    if (worker.instanceId !== instanceId) {
      throw new BordaError(
        ErrorCode.conflict,
        `Another instance of worker '${name}' registered since; this one must stop.`,
      );
    }
    this.#requireOwnToken(worker, token);
    return worker;
  }

  /**
   * What asks for XComs, connections and variables: a current attempt of the worker, or a
   * code callback it runs (its claim id in the attempt's place; callbackJobs.ts).
   */
  async #requireReader(token: WorkerTokenRecord, name: string, id: string) {
    const callback = (await this.#o.store.getAttempt(id))
      ? null
      : await this.callbacks.reader(token, name, id);
    return callback ?? this.#requireAttempt(token, name, id);
  }

  async #requireAttempt(
    token: WorkerTokenRecord,
    name: string,
    attemptId: string,
    options: { anyState?: boolean } = {},
  ): Promise<AttemptRecord> {
    const attempt = await this.#o.store.getAttempt(attemptId);
    if (!attempt) throw notCurrent(attemptId, null);
    if (attempt.workerName !== name || !tokenCoversQueue(token, attempt.queue)) {
      throw new BordaError(
        ErrorCode.staleAttempt,
        `Attempt '${attemptId}' is not held by worker '${name}'. Stop working on it.`,
        { details: { attemptId, state: attempt.state } },
      );
    }
    if (!options.anyState && !["claimed", "running"].includes(attempt.state)) {
      throw new BordaError(
        ErrorCode.staleAttempt,
        `Attempt '${attemptId}' is ${attempt.state}${attempt.error ? ` (${attempt.error})` : ""}. Stop working on it.`,
        { details: { attemptId, state: attempt.state } },
      );
    }
    return attempt;
  }
}

/** The refusal for a report about an attempt that is not current: the worker drops it. */
function notCurrent(attemptId: string, state: string | null): BordaError {
  return new BordaError(
    ErrorCode.staleAttempt,
    state === null
      ? `Attempt '${attemptId}' is not current (the control plane has no such attempt). Stop working on it.`
      : `Attempt '${attemptId}' is ${state}. Stop working on it.`,
    { details: { attemptId, state: state ?? "unknown" } },
  );
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * Task output may hold NUL characters, which PostgreSQL cannot store in text. Each becomes
 * "?" — one byte for one byte, so log offsets stay exact.
 */
function withoutNul(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "?") : text;
}
