import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import {
  type CallbackJob,
  type CallbackReport,
  edgeProtocolVersion,
  type FetchRequest,
  type HeartbeatRequest,
  type Job,
  type LogChunk,
  type RegisterRequest,
  type ReleaseReport,
  type TaskConnection,
  type WorkerDirectives,
} from "@borda/protocol";

/**
 * A minimal control plane on loopback speaking `/edge/v1` as protocol's edge.ts describes
 * it, with its state in memory: workers register, heartbeat and long-poll for the jobs a
 * test queues; reports and offset-addressed log chunks are recorded with the server's
 * rules (a resent chunk is acknowledged, a gap is refused with the offset expected), and a
 * released job goes back on the queue. Tasks read the connections and variables a test
 * stores, except those it refuses (403 with the reason). It can go down and come back on the same port,
 * lose acknowledgements, or take calls and never answer them, so tests can watch the
 * worker cope.
 */

export const testToken = "bwt_test_token";

export interface Report {
  attemptId: string;
  kind: "start" | "success" | "failure";
  body: Record<string, unknown>;
}

export interface Release extends ReleaseReport {
  attemptId: string;
}

export class FakeControlPlane {
  /** Log bytes per attempt, as received. */
  readonly logs = new Map<string, Buffer>();
  readonly reports: Report[] = [];
  readonly registrations: { name: string; request: RegisterRequest }[] = [];
  readonly heartbeats: HeartbeatRequest[] = [];
  readonly fetches: FetchRequest[] = [];
  readonly releases: Release[] = [];
  /** Attempts the server no longer considers current: every call about them answers 409. */
  readonly staleAttempts = new Set<string>();
  /** Connections tasks may read, by id. */
  readonly connections = new Map<string, TaskConnection>();
  /** Variables tasks may read, by key. */
  readonly variables = new Map<string, string>();
  /** Connection ids and variable keys refused (403 `forbidden`), with the reason given. */
  readonly refusals = new Map<string, string>();
  /** Every connection or variable a task asked for, in order. */
  readonly secretReads: { attemptId: string; kind: "connection" | "variable"; id: string }[] = [];
  /** Code callbacks for the next fetch of a worker that runs them (protocol 1.3). */
  readonly callbacks: CallbackJob[] = [];
  /** Callback reports as received, and the statuses to answer the next ones with (then 200). */
  readonly callbackReports: (CallbackReport & { callbackId: string })[] = [];
  readonly callbackAnswers: number[] = [];
  /** Bundles by hash, served at /edge/v1/bundles/{hash}. */
  readonly bundles = new Map<string, Uint8Array>();
  directives: WorkerDirectives = {
    queues: ["default"],
    concurrency: 4,
    maintenance: false,
    maintenanceComment: null,
    shutdown: false,
    cancelAttemptIds: [],
  };
  heartbeatIntervalMs = 200;
  /** Sent in the registration answer when set; a 1.0 control plane sends none. */
  workerTimeoutMs: number | undefined = undefined;
  /** Applies the next call of these kinds, then drops the connection instead of answering. */
  readonly loseNextAck = new Set<"start" | "logs" | "success" | "failure">();
  /** Calls of these kinds are taken and never answered, as over a black-holed link. */
  readonly unanswered = new Set<"heartbeat">();
  /** Log chunks refused because they left a gap. */
  gapsRefused = 0;
  #jobs: Job[] = [];
  /** Jobs handed out, by attempt: a released one goes back on the queue. */
  #claimed = new Map<string, Job>();
  /** Jobs for the next fetch answer, with the directive change that answer carries. */
  #handOut: { change: Partial<WorkerDirectives>; jobs: Job[] } | null = null;
  #attemptStates = new Map<string, "claimed" | "running" | "success" | "failure">();
  /** Counts directive changes: an open long-poll answers when it moves. */
  #directivesVersion = 0;
  #waiters = new Set<() => void>();
  #server: Server | null = null;
  #sockets = new Set<Socket>();
  #port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Starts listening (again, on the same port after `stop()`). */
  async start(): Promise<this> {
    const server = createServer((request, response) => {
      void this.#handle(request, response).catch((error: Error) => {
        answer(response, 500, problem(500, "internal", error.message));
      });
    });
    server.on("connection", (socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(this.#port, "127.0.0.1", resolve));
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
    return this;
  }

  /** Goes away: stops listening and cuts every connection, open long-polls included. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }

  /** A code callback for the next fetch of a worker that runs callbacks. */
  queueCallback(callback: CallbackJob): void {
    this.callbacks.push(callback);
    this.#wake();
  }

  queue(...jobs: Job[]): void {
    this.#jobs.push(...jobs);
    this.#wake();
  }

  /**
   * Answers the open long-poll (or the next) with these jobs and the directives changed as
   * given: what a worker sees when a directive lands between the claim and the answer.
   */
  handOut(change: Partial<WorkerDirectives>, ...jobs: Job[]): void {
    this.#handOut = { change, jobs };
    this.#wake();
  }

  /** Attempt ids of the jobs waiting in the queue. */
  get queued(): string[] {
    return this.#jobs.map((job) => job.attemptId);
  }

  /** Changes the directives; an open long-poll answers at once with them. */
  direct(change: Partial<WorkerDirectives>): void {
    this.directives = { ...this.directives, ...change };
    this.#directivesVersion++;
    this.#wake();
  }

  logText(attemptId: string): string {
    return this.logs.get(attemptId)?.toString("utf8") ?? "";
  }

  reportsOf(attemptId: string): Report["kind"][] {
    return this.reports.filter((r) => r.attemptId === attemptId).map((r) => r.kind);
  }

  #wake(): void {
    for (const wake of this.#waiters) wake();
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://fake");
    if (request.method === "GET" && url.pathname === "/edge/v1/health") {
      answer(response, 200, {
        status: "ok",
        version: "0.1.0-fake",
        protocolVersion: edgeProtocolVersion,
      });
      return;
    }
    if (request.headers.authorization !== `Bearer ${testToken}`) {
      answer(response, 401, problem(401, "unauthenticated", "A valid worker token is required."));
      return;
    }
    const bundle = /^\/edge\/v1\/bundles\/([a-f0-9]{64})$/.exec(url.pathname)?.[1];
    if (request.method === "GET" && bundle) {
      const content = this.bundles.get(bundle);
      if (!content) {
        answer(response, 404, problem(404, "not_found", `No bundle ${bundle}.`));
        return;
      }
      response.writeHead(200, { "content-type": "text/javascript" });
      response.end(content);
      return;
    }
    const body = await readJson(request);
    const worker = /^\/edge\/v1\/workers\/([^/]+)\/(register|heartbeat|fetch)$/.exec(url.pathname);
    if (worker?.[1] && worker[2]) {
      const name = decodeURIComponent(worker[1]);
      switch (worker[2]) {
        case "register":
          this.registrations.push({ name, request: body as RegisterRequest });
          answer(response, 200, {
            directives: this.directives,
            heartbeatIntervalMs: this.heartbeatIntervalMs,
            fetchWaitMs: 25_000,
            serverVersion: "0.1.0-fake",
            workerTimeoutMs: this.workerTimeoutMs,
          });
          return;
        case "heartbeat": {
          this.heartbeats.push(body as HeartbeatRequest);
          if (this.unanswered.has("heartbeat")) return;
          const directives = this.directives;
          this.directives = { ...directives, cancelAttemptIds: [] };
          answer(response, 200, directives);
          return;
        }
        case "fetch":
          this.fetches.push(body as FetchRequest);
          answer(response, 200, await this.#fetch(body as FetchRequest, response));
          return;
      }
    }
    const callback = /^\/edge\/v1\/workers\/[^/]+\/callbacks\/([^/]+)\/result$/.exec(url.pathname);
    if (callback?.[1]) {
      const callbackId = decodeURIComponent(callback[1]);
      this.callbackReports.push({ ...(body as CallbackReport), callbackId });
      const status = this.callbackAnswers.shift() ?? 200;
      if (status === 200) answer(response, 200, { callbackId, state: "delivered" });
      else
        answer(
          response,
          status,
          problem(status, status === 409 ? "stale_attempt" : "internal", "no"),
        );
      return;
    }
    const attempt =
      /^\/edge\/v1\/workers\/[^/]+\/attempts\/([^/]+)\/(start|success|failure|release|logs|connection|variable)$/.exec(
        url.pathname,
      );
    if (attempt?.[1] && attempt[2]) {
      const attemptId = decodeURIComponent(attempt[1]);
      if (this.staleAttempts.has(attemptId)) {
        answer(response, 409, problem(409, "stale_attempt", `Attempt '${attemptId}' is stale.`));
        return;
      }
      const kind = attempt[2] as Report["kind"] | "release" | "logs" | "connection" | "variable";
      if (kind === "connection" || kind === "variable") {
        this.#readSecret(attemptId, kind, body as { connId?: string; key?: string }, response);
        return;
      }
      if (kind === "logs") {
        this.#appendLog(attemptId, body as LogChunk, request, response);
        return;
      }
      if (kind === "release") {
        this.#release(attemptId, body as ReleaseReport, response);
        return;
      }
      // As the real control plane: a report is a compare-and-set on the attempt's state.
      const state = this.#attemptStates.get(attemptId) ?? "claimed";
      const allowed = state === "claimed" || (kind !== "start" && state === "running");
      if (!allowed) {
        answer(
          response,
          409,
          problem(409, "stale_attempt", `Attempt '${attemptId}' is ${state}.`, {
            attemptId,
            state,
          }),
        );
        return;
      }
      this.#attemptStates.set(attemptId, kind === "start" ? "running" : kind);
      this.reports.push({ attemptId, kind, body });
      if (this.loseNextAck.delete(kind)) {
        request.socket.destroy();
        return;
      }
      answer(response, 200, { attemptId, state: this.#attemptStates.get(attemptId) });
      return;
    }
    answer(response, 404, problem(404, "not_found", `No route ${request.method} ${url.pathname}.`));
  }

  /** The long-poll: queued jobs that fit the free slots, or none after the wait. */
  async #fetch(request: FetchRequest, response: ServerResponse) {
    const deadline = Date.now() + (request.waitMs ?? 25_000);
    const version = this.#directivesVersion;
    for (;;) {
      if (this.#handOut) {
        const { change, jobs } = this.#handOut;
        this.#handOut = null;
        this.directives = { ...this.directives, ...change };
        return { jobs: this.#claim(jobs), directives: this.directives };
      }
      if (this.directives.maintenance || this.directives.shutdown) {
        return { jobs: [], directives: this.directives };
      }
      let slots = Math.min(request.freeSlots, this.directives.concurrency);
      const jobs = this.#jobs.filter((job) => {
        if (job.poolSlots > slots) return false;
        slots -= job.poolSlots;
        return true;
      });
      this.#jobs = this.#jobs.filter((job) => !jobs.includes(job));
      const changed = this.#directivesVersion !== version;
      const callbacks = request.callbacks ? this.callbacks.splice(0) : [];
      if (callbacks.length > 0) {
        return { jobs: this.#claim(jobs), callbacks, directives: this.directives };
      }
      if (jobs.length > 0 || changed || Date.now() >= deadline || response.destroyed) {
        return { jobs: this.#claim(jobs), directives: this.directives };
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.#waiters.delete(wake);
          response.off("close", wake);
          resolve();
        };
        const timer = setTimeout(wake, deadline - Date.now());
        this.#waiters.add(wake);
        response.on("close", wake);
      });
    }
  }

  #claim(jobs: Job[]): Job[] {
    for (const job of jobs) this.#claimed.set(job.attemptId, job);
    return jobs;
  }

  #readSecret(
    attemptId: string,
    kind: "connection" | "variable",
    body: { connId?: string; key?: string },
    response: ServerResponse,
  ): void {
    const id = String(kind === "connection" ? body.connId : body.key);
    this.secretReads.push({ attemptId, kind, id });
    const refusal = this.refusals.get(id);
    if (refusal !== undefined) {
      answer(response, 403, problem(403, "forbidden", refusal));
      return;
    }
    const connection = this.connections.get(id);
    const value = this.variables.get(id);
    if (kind === "connection" && connection) answer(response, 200, connection);
    else if (kind === "variable" && value !== undefined) answer(response, 200, { key: id, value });
    else answer(response, 404, problem(404, "not_found", `No ${kind} '${id}'.`));
  }

  /** As the real control plane: only a claim not yet started goes back, on the same try. */
  #release(attemptId: string, report: ReleaseReport, response: ServerResponse): void {
    const job = this.#claimed.get(attemptId);
    const state = this.#attemptStates.get(attemptId) ?? "claimed";
    if (!job || state !== "claimed") {
      answer(response, 409, problem(409, "stale_attempt", `Attempt '${attemptId}' is ${state}.`));
      return;
    }
    this.#claimed.delete(attemptId);
    this.releases.push({ attemptId, ...report });
    this.queue(job);
    answer(response, 200, { attemptId, state: "queued" });
  }

  #appendLog(
    attemptId: string,
    chunk: LogChunk,
    request: IncomingMessage,
    response: ServerResponse,
  ): void {
    const log = this.logs.get(attemptId) ?? Buffer.alloc(0);
    const data = Buffer.from(chunk.data, "utf8");
    if (chunk.offset + data.length <= log.length) {
      answer(response, 200, { nextOffset: log.length });
      return;
    }
    if (chunk.offset !== log.length) {
      this.gapsRefused++;
      answer(
        response,
        409,
        problem(409, "conflict", `The log ends at ${log.length}; resend from there.`, {
          expectedOffset: log.length,
        }),
      );
      return;
    }
    this.logs.set(attemptId, Buffer.concat([log, data]));
    if (this.loseNextAck.delete("logs")) {
      request.socket.destroy();
      return;
    }
    answer(response, 200, { nextOffset: log.length + data.length });
  }
}

function problem(status: number, code: string, detail: string, details?: Record<string, unknown>) {
  return { status, title: "Error", detail, type: `urn:borda:error:${code}`, code, details };
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return;
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = "";
  for await (const chunk of request) text += chunk;
  return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
}
