import http from "node:http";
import https from "node:https";
import {
  type AttemptAck,
  BordaError,
  type CallbackAck,
  type CallbackReport,
  type Check,
  checkAttemptAck,
  checkCallbackAck,
  checkEdgeHealth,
  checkExternalStateResponse,
  checkFetchResponse,
  checkLogAck,
  checkProblem,
  checkRegisterResponse,
  checkTaskConnection,
  checkTaskVariable,
  checkWorkerDirectives,
  checkXcomPullResponse,
  type EdgeHealth,
  type ExternalStateRequest,
  type ExternalStateResponse,
  edgeApiPrefix,
  type FailureReport,
  type FetchRequest,
  type FetchResponse,
  type HeartbeatRequest,
  type LogAck,
  type LogChunk,
  type Problem,
  type RegisterRequest,
  type RegisterResponse,
  type ReleaseReport,
  type RescheduleReport,
  type SuccessReport,
  type TaskConnection,
  type TaskVariable,
  type WorkerDirectives,
  type XcomPullRequest,
  type XcomPullResponse,
} from "@borda/protocol/edge";
import { formatDuration } from "../formatDuration.js";
import { workerVersion } from "../version.js";

/**
 * Typed calls for every route of `/edge/v1` (see protocol's edge.ts). Answers are
 * checked on the way in by the protocol's edgeAnswers.ts, which accepts what edge.ts's
 * schemas accept without loading zod; any failure, from a refused connection to a problem
 * answer, is an `EdgeCallError`. The token stays in this object: it is sent as a header
 * and never appears in an error or a log.
 *
 * It speaks node:http(s) over keep-alive agents rather than the global fetch: a worker
 * makes three calls per task, and fetch's machinery cost about as much CPU as everything
 * else the worker does for a no-op task, plus 6 MB of resident memory.
 *
 * Heartbeats have an agent of their own, one connection kept open between beats. On the
 * shared agent a heartbeat finding every connection busy (a report per slot in flight)
 * opens a new one, and a busy control plane accepts new connections slowly: Node accepts
 * one per turn of its event loop, so behind a burst of 100 new report connections from a
 * fleet, at 100–250 ms a turn, a heartbeat waited 20–35 s and the worker's leases lapsed.
 */

/** Why a call failed when there was no HTTP answer to carry a code. */
export const TransportFailure = {
  /** Connection refused or reset, or no answer in time. */
  unreachable: "unreachable",
  /** The host name does not resolve. */
  unknownHost: "unknown_host",
  /** TLS failed: a bad certificate, or not TLS at all. */
  tls: "tls_error",
  /** The caller aborted the call (draining, maintenance). */
  aborted: "aborted",
  /** An answer that is not what the route returns. */
  invalidResponse: "invalid_response",
  /** An error answer without a problem body (a proxy, another service). */
  httpError: "http_error",
} as const;

export class EdgeCallError extends Error {
  /** HTTP status of the answer; null when there was none. */
  readonly status: number | null;
  /** The problem body's `code`, or a `TransportFailure`. */
  readonly code: string;
  /** The problem body's `detail` (what the control plane says to do), else the message. */
  readonly detail: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    message: string,
    init: {
      status: number | null;
      code: string;
      detail?: string;
      details?: Record<string, unknown>;
      cause?: unknown;
    },
  ) {
    super(message, { cause: init.cause });
    this.name = "EdgeCallError";
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail ?? message;
    this.details = init.details;
  }

  /**
   * Worth retrying later: no answer (the control plane or the network is away), a
   * server error, or "slow down". Everything else will get the same answer again.
   */
  get transient(): boolean {
    if (this.status === null) return true;
    return this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

export interface EdgeClientOptions {
  /** The control plane's base URL, without `/edge/v1`. */
  apiUrl: string;
  token: string;
  workerName: string;
  /** Longest wait for an answer to an ordinary call. Default 30 s. */
  timeoutMs?: number;
}

export class EdgeClient {
  readonly baseUrl: string;
  readonly #token: string;
  readonly #worker: string;
  readonly #timeoutMs: number;
  readonly #transport: typeof http | typeof https;
  readonly #agent: http.Agent;
  /** Heartbeats only: their connection is never taken by another call (see above). */
  readonly #heartbeatAgent: http.Agent;

  constructor(options: EdgeClientOptions) {
    this.baseUrl = `${options.apiUrl}${edgeApiPrefix}`;
    this.#token = options.token;
    this.#worker = `/workers/${encodeURIComponent(options.workerName)}`;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#transport = new URL(options.apiUrl).protocol === "https:" ? https : http;
    this.#agent = new this.#transport.Agent({ keepAlive: true });
    this.#heartbeatAgent = new this.#transport.Agent({ keepAlive: true, maxSockets: 1 });
  }

  /** Closes the kept-alive connections (the worker is stopping). */
  close(): void {
    this.#agent.destroy();
    this.#heartbeatAgent.destroy();
  }

  health(signal?: AbortSignal): Promise<EdgeHealth> {
    return this.#json("GET", "/health", undefined, checkEdgeHealth, { signal, auth: false });
  }

  register(request: RegisterRequest, signal?: AbortSignal): Promise<RegisterResponse> {
    return this.#json("POST", `${this.#worker}/register`, request, checkRegisterResponse, {
      signal,
    });
  }

  /** `timeoutMs`: how long to wait for the answer (default the ordinary call's). */
  heartbeat(
    request: HeartbeatRequest,
    signal?: AbortSignal,
    timeoutMs?: number,
  ): Promise<WorkerDirectives> {
    return this.#json("POST", `${this.#worker}/heartbeat`, request, checkWorkerDirectives, {
      signal,
      agent: this.#heartbeatAgent,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
  }

  /** The long-poll: answers when jobs are claimed for this worker, or after `waitMs` with none. */
  fetchJobs(request: FetchRequest, signal?: AbortSignal): Promise<FetchResponse> {
    return this.#json("POST", `${this.#worker}/fetch`, request, checkFetchResponse, {
      signal,
      timeoutMs: (request.waitMs ?? 120_000) + this.#timeoutMs,
    });
  }

  startAttempt(attemptId: string, signal?: AbortSignal): Promise<AttemptAck> {
    return this.#json("POST", this.#attempt(attemptId, "start"), {}, checkAttemptAck, { signal });
  }

  reportSuccess(
    attemptId: string,
    report: SuccessReport,
    signal?: AbortSignal,
  ): Promise<AttemptAck> {
    return this.#json("POST", this.#attempt(attemptId, "success"), report, checkAttemptAck, {
      signal,
    });
  }

  reportFailure(
    attemptId: string,
    report: FailureReport,
    signal?: AbortSignal,
  ): Promise<AttemptAck> {
    return this.#json("POST", this.#attempt(attemptId, "failure"), report, checkAttemptAck, {
      signal,
    });
  }

  /** A reschedule-mode sensor's poke found its condition false: its try waits for the next poke. */
  reportReschedule(
    attemptId: string,
    report: RescheduleReport,
    signal?: AbortSignal,
  ): Promise<AttemptAck> {
    return this.#json("POST", this.#attempt(attemptId, "reschedule"), report, checkAttemptAck, {
      signal,
    });
  }

  /** Another DAG's run or task state, for an external-task sensor (a state string only). */
  externalState(
    attemptId: string,
    request: ExternalStateRequest,
    signal?: AbortSignal,
  ): Promise<ExternalStateResponse> {
    return this.#json(
      "POST",
      this.#attempt(attemptId, "external-state"),
      request,
      checkExternalStateResponse,
      { signal },
    );
  }

  /** Gives back a job this worker claimed and did not start: it goes back to its queue on the same try. */
  releaseAttempt(
    attemptId: string,
    report: ReleaseReport,
    signal?: AbortSignal,
  ): Promise<AttemptAck> {
    return this.#json("POST", this.#attempt(attemptId, "release"), report, checkAttemptAck, {
      signal,
    });
  }

  /** XCom entries of the attempt's run, for a task that pulls them while it runs. */
  pullXcoms(
    attemptId: string,
    request: XcomPullRequest,
    signal?: AbortSignal,
  ): Promise<XcomPullResponse> {
    return this.#json("POST", this.#attempt(attemptId, "xcoms"), request, checkXcomPullResponse, {
      signal,
    });
  }

  /**
   * A connection, password included, for the attempt's task. Fails with code `not_found`
   * when the control plane has none by that id, `forbidden` when the attempt may not read
   * it (the detail says why).
   */
  readConnection(attemptId: string, connId: string, signal?: AbortSignal): Promise<TaskConnection> {
    return this.#json(
      "POST",
      this.#attempt(attemptId, "connection"),
      { connId },
      checkTaskConnection,
      { signal },
    );
  }

  /** A variable's value for the attempt's task; fails as `readConnection` does. */
  readVariable(attemptId: string, key: string, signal?: AbortSignal): Promise<TaskVariable> {
    return this.#json("POST", this.#attempt(attemptId, "variable"), { key }, checkTaskVariable, {
      signal,
    });
  }

  /** How a code callback this worker was handed ended (protocol 1.3). */
  reportCallback(
    callbackId: string,
    report: CallbackReport,
    signal?: AbortSignal,
  ): Promise<CallbackAck> {
    return this.#json(
      "POST",
      `${this.#worker}/callbacks/${encodeURIComponent(callbackId)}/result`,
      report,
      checkCallbackAck,
      { signal },
    );
  }

  sendLogs(attemptId: string, chunk: LogChunk, signal?: AbortSignal): Promise<LogAck> {
    return this.#json("POST", this.#attempt(attemptId, "logs"), chunk, checkLogAck, { signal });
  }

  /** The bundle's bytes (the caller checks them against the hash). */
  async bundle(hash: string, signal?: AbortSignal): Promise<Uint8Array> {
    const response = await this.#request("GET", `/bundles/${encodeURIComponent(hash)}`, undefined, {
      signal,
      // A bundle may be large and the link slow: give it longer than an ordinary call.
      timeoutMs: this.#timeoutMs * 4,
    });
    return new Uint8Array(response.body);
  }

  #attempt(attemptId: string, action: string): string {
    return `${this.#worker}/attempts/${encodeURIComponent(attemptId)}/${action}`;
  }

  async #json<T>(
    method: "GET" | "POST",
    path: string,
    body: unknown,
    check: Check<T>,
    options: CallOptions = {},
  ): Promise<T> {
    const response = await this.#request(method, path, body, options);
    let answer: unknown;
    try {
      answer = JSON.parse(response.body.toString("utf8"));
    } catch {
      throw this.#invalid(method, path, response.status, "a body that is not JSON");
    }
    try {
      return check(answer, "");
    } catch (error) {
      if (!(error instanceof BordaError)) throw error;
      throw this.#invalid(method, path, response.status, `an unexpected body (${error.message})`);
    }
  }

  /** The answer when it is a success; an `EdgeCallError` otherwise. */
  async #request(
    method: "GET" | "POST",
    path: string,
    body: unknown,
    options: CallOptions,
  ): Promise<Answer> {
    const headers: Record<string, string> = {
      accept: "application/json",
      "user-agent": `borda-worker/${workerVersion}`,
    };
    if (options.auth !== false) headers.authorization = `Bearer ${this.#token}`;
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), "utf8");
    if (payload) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(payload.length);
    }
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const route = `${method} ${edgeApiPrefix}${path}`;
    let answer: Answer;
    try {
      answer = await new Promise<Answer>((resolve, reject) => {
        const request = this.#transport.request(
          `${this.baseUrl}${path}`,
          { method, headers, agent: options.agent ?? this.#agent, signal },
          (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () =>
              resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }),
            );
            response.on("error", reject);
          },
        );
        request.on("error", reject);
        request.end(payload);
      });
    } catch (error) {
      throw transportError(route, this.baseUrl, error, options.signal, timeoutMs);
    }
    if (answer.status >= 200 && answer.status < 300) return answer;
    let problem: Problem | undefined;
    try {
      problem = checkProblem(JSON.parse(answer.body.toString("utf8")), "");
    } catch {
      problem = undefined;
    }
    if (problem) {
      throw new EdgeCallError(
        `${route} answered ${answer.status} ${problem.code}: ${problem.detail}`,
        {
          status: answer.status,
          code: problem.code,
          detail: problem.detail,
          details: problem.details,
        },
      );
    }
    throw new EdgeCallError(`${route} answered ${answer.status}`, {
      status: answer.status,
      code: TransportFailure.httpError,
    });
  }

  #invalid(method: string, path: string, status: number, what: string): EdgeCallError {
    return new EdgeCallError(`${method} ${edgeApiPrefix}${path} answered ${status} with ${what}`, {
      status,
      code: TransportFailure.invalidResponse,
    });
  }
}

interface Answer {
  status: number;
  body: Buffer;
}

interface CallOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
  /** False: no Authorization header (the health route). */
  auth?: boolean;
  /** The connections to use, when not the shared agent's. */
  agent?: http.Agent;
}

/** Why a request got no answer, from Node's error (`code`), as an `EdgeCallError`. */
function transportError(
  route: string,
  baseUrl: string,
  error: unknown,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): EdgeCallError {
  if (signal?.aborted) {
    return new EdgeCallError(`${route} was aborted`, {
      status: null,
      code: TransportFailure.aborted,
      cause: error,
    });
  }
  const failure = error as NodeJS.ErrnoException;
  if (failure.name === "AbortError" || failure.name === "TimeoutError") {
    const waited = formatDuration(timeoutMs);
    return new EdgeCallError(`${route}: no answer from ${baseUrl} within ${waited}`, {
      status: null,
      code: TransportFailure.unreachable,
      detail: `no answer within ${waited}`,
      cause: error,
    });
  }
  const systemCode = String(failure.code ?? "");
  const code =
    systemCode === "ENOTFOUND"
      ? TransportFailure.unknownHost
      : /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(systemCode)
        ? TransportFailure.tls
        : TransportFailure.unreachable;
  const reason = failure.message || systemCode || String(error);
  return new EdgeCallError(`${route}: cannot reach ${baseUrl} (${reason})`, {
    status: null,
    code,
    detail: reason,
    cause: error,
  });
}
