import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { edgeProtocolVersion, type SysInfo } from "@borda/protocol";
import type { Logger } from "pino";
import { createWorkerToken } from "../../src/auth/workerTokens.js";
import { resolveServerConfig, type ServerConfig } from "../../src/config.js";
import { type ControlPlane, startControlPlane } from "../../src/controlPlane.js";
import type { Clock } from "../../src/scheduler/clock.js";
import type { Backend } from "./backends.js";
import { silentLogger } from "./harness.js";

/**
 * A real control plane for a test: its own database (SQLite file or PostgreSQL database
 * of the backend), a DAGs folder holding `dags`, HTTP on a free loopback port.
 */
export async function startTestControlPlane(
  backend: Backend,
  options: {
    dags?: Record<string, string>;
    config?: Partial<ServerConfig>;
    /** Another replica: share this control plane's database, secret key and DAGs. */
    replicaOf?: ControlPlane;
    /** The control plane's time (a ManualClock), for behaviour that depends on it. */
    clock?: Clock;
    /** Where it logs (default: nowhere). */
    logger?: Logger;
  } = {},
): Promise<ControlPlane & { stopped: boolean }> {
  const { home, databaseUrl } = options.replicaOf
    ? { home: options.replicaOf.config.home, databaseUrl: options.replicaOf.config.databaseUrl }
    : await backend.open({ dagsPausedAtCreation: false }).then(async (opened) => {
        await opened.store.close();
        return opened;
      });
  const dagsFolder = path.join(home, "dags");
  mkdirSync(dagsFolder, { recursive: true });
  for (const [file, source] of Object.entries(options.dags ?? {})) {
    mkdirSync(path.dirname(path.join(dagsFolder, file)), { recursive: true });
    writeFileSync(path.join(dagsFolder, file), source);
  }
  const config: ServerConfig = {
    ...resolveServerConfig({}, {}),
    home,
    databaseUrl,
    dagsFolder,
    port: 0,
    host: "127.0.0.1",
    dagsPausedAtCreation: false,
    logLevel: "silent",
    ...options.config,
  };
  const controlPlane = await startControlPlane(config, {
    logger: options.logger ?? silentLogger,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const handle = Object.assign(controlPlane, { stopped: false });
  backend.onCleanup(async () => {
    if (!handle.stopped) await controlPlane.stop();
  });
  return handle;
}

export async function newWorkerToken(
  controlPlane: ControlPlane,
  queues: string[],
  name = "test-token",
  options: { workerTimeoutMs?: number } = {},
): Promise<{ token: string; id: string }> {
  const created = await createWorkerToken(
    controlPlane.store,
    controlPlane.secretKey,
    { name, queues, ...options },
    new Date(),
  );
  return { token: created.token, id: created.record.id };
}

export const testSysInfo: SysInfo = {
  platform: "linux",
  arch: "x64",
  cpus: 2,
  loadAverage: [0.1, 0.1, 0.1],
  memoryTotalBytes: 1e9,
  memoryFreeBytes: 5e8,
  diskFreeBytes: 1e10,
  nodeVersion: process.version,
};

/** Calls the worker API the way a worker does: JSON in, status and JSON out. */
export function edgeClient(controlPlane: ControlPlane, token: string | null, worker = "w1") {
  const call = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${controlPlane.url}/edge/v1${route}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON (a bundle)
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the route answered.
    return { status: response.status, body: json as any, headers: response.headers };
  };
  const instanceId = `instance-${worker}`;
  return {
    call,
    instanceId,
    register: (queues: string[], extra: Record<string, unknown> = {}) =>
      call("POST", `/workers/${worker}/register`, {
        instanceId,
        queues,
        concurrency: 4,
        version: "test",
        protocolVersion: edgeProtocolVersion,
        sysinfo: testSysInfo,
        ...extra,
      }),
    heartbeat: (
      runningAttemptIds: string[] = [],
      state = "idle",
      more: { selfMaintenance?: string | null } = {},
    ) =>
      call("POST", `/workers/${worker}/heartbeat`, {
        instanceId,
        state,
        runningAttemptIds,
        freeSlots: 4,
        sysinfo: testSysInfo,
        ...more,
      }),
    fetchJobs: (waitMs = 0, freeSlots = 4) =>
      call("POST", `/workers/${worker}/fetch`, { instanceId, freeSlots, waitMs }),
    report: (
      attemptId: string,
      what: "start" | "success" | "failure" | "release" | "reschedule",
      body: unknown = {},
    ) => call("POST", `/workers/${worker}/attempts/${attemptId}/${what}`, body),
    log: (attemptId: string, offset: number, data: string) =>
      call("POST", `/workers/${worker}/attempts/${attemptId}/logs`, { offset, data }),
  };
}
