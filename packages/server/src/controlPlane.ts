import { BordaError, ErrorCode } from "@borda/protocol";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { loadSecretKey } from "./auth/secretKey.js";
import { UserAuth } from "./auth/users.js";
import type { ServerConfig } from "./config.js";
import { Credentials } from "./credentials/credentials.js";
import { loadEncryptionKeys } from "./credentials/encryptionKeys.js";
import { DagProcessor } from "./dags/dagProcessor.js";
import { EdgeService } from "./edge/edgeService.js";
import { buildHttpServer } from "./http/httpServer.js";
import { ControlPlaneMetrics } from "./metrics/controlPlaneMetrics.js";
import { type MetricsServer, startMetricsServer } from "./metrics/metricsServer.js";
import { NotificationDelivery } from "./notifications/notificationDelivery.js";
import { type Clock, systemClock } from "./scheduler/clock.js";
import { Scheduler } from "./scheduler/scheduler.js";
import { chooseLogFormat, createServerLogger } from "./serverLog.js";
import { openStore, type Store } from "./store/index.js";
import { serverVersion } from "./version.js";

/**
 * Connections the kernel holds for the server before it accepts them (Linux caps it at
 * net.core.somaxconn, 4096 by default). Node's default, 511, overflowed when thousands of
 * workers connected while the process was busy: the kernel dropped their handshakes, and
 * the workers saw ECONNRESET or ETIMEDOUT and connected again, adding to the burst
 * (docs/benchmarks.md, "A fleet of idle workers").
 */
const listenBacklog = 4096;

/** A running control plane: store, DAG processor, scheduler and HTTP server, wired together. */
export interface ControlPlane {
  config: ServerConfig;
  store: Store;
  scheduler: Scheduler;
  processor: DagProcessor;
  edge: EdgeService;
  http: FastifyInstance;
  logger: Logger;
  secretKey: Buffer;
  /** Connections and variables, sealed at rest. */
  credentials: Credentials;
  /** Signs REST API users in (HTTP Basic). */
  userAuth: UserAuth;
  /** Delivers the built-in notifiers (webhook, Slack, e-mail). */
  notifications: NotificationDelivery;
  /** The base URL the server listens on, e.g. http://127.0.0.1:8080. */
  url: string;
  /** This replica's Prometheus metrics (also on the main port's /metrics, for API tokens). */
  metrics: ControlPlaneMetrics;
  /** The unauthenticated metrics port, when --metrics-port is set. */
  metricsServer: MetricsServer | null;
  stop(): Promise<void>;
}

export async function startControlPlane(
  config: ServerConfig,
  options: { logger?: Logger; clock?: Clock } = {},
): Promise<ControlPlane> {
  const logger =
    options.logger ??
    createServerLogger(
      config.logLevel,
      chooseLogFormat(config.logFormat, process.stdout.isTTY === true),
    );
  const clock = options.clock ?? systemClock;
  const secretKey = loadSecretKey(config.home, config.secretKey);
  // Made once the store is open; the store's connection-loss callback reaches it.
  let scheduler: Scheduler | undefined;
  let edge: EdgeService | undefined;
  const metrics = new ControlPlaneMetrics({
    readSnapshot: () =>
      store.readMetricsSnapshot({ at: clock.now(), defaultTimeoutMs: config.workerTimeoutMs }),
    openPolls: () => edge?.polls.size ?? 0,
    clock,
  });
  const store = await openStore({
    observer: metrics,
    home: config.home,
    databaseUrl: config.databaseUrl,
    dagsPausedAtCreation: config.dagsPausedAtCreation,
    onConnectionError: (error) => {
      logger.warn({ err: error }, "database connection lost; reconnecting");
      // Heartbeats may have gone unheard meanwhile: no lease may lapse for that.
      scheduler?.attempts.noteStoreTrouble();
    },
  });
  logger.info({ database: store.location }, "metadata store ready");
  const credentials = new Credentials({
    store,
    keys: loadEncryptionKeys(config.home, config.encryptionKeys),
    clock,
  });
  const userAuth = new UserAuth({ store, clock });
  if (
    config.adminPassword &&
    (await userAuth.ensureAdmin({ username: config.adminUser, password: config.adminPassword }))
  ) {
    logger.info({ username: config.adminUser }, "admin user created from BORDA_ADMIN_PASSWORD");
  }
  scheduler = new Scheduler({
    store,
    logger,
    clock,
    leaseMs: config.workerTimeoutMs,
    observer: metrics,
  });
  const processor = new DagProcessor({
    dagsFolder: config.dagsFolder,
    registry: store,
    logger,
    parseTimeoutMs: config.dagParseTimeoutMs,
    python: config.python,
    rescanIntervalMs: config.dagRescanIntervalMs,
  });
  edge = new EdgeService({
    store,
    scheduler,
    secretKey,
    credentials,
    logger,
    clock,
    serverVersion,
    heartbeatIntervalMs: config.heartbeatIntervalMs,
    workerTimeoutMs: config.workerTimeoutMs,
    fetchWaitMs: config.fetchWaitMs,
    maxReturnValueBytes: config.maxReturnValueBytes,
    observer: metrics,
  });
  const http = await buildHttpServer({
    edge,
    api: {
      store,
      scheduler,
      processor,
      logs: edge.logs,
      userAuth,
      serverVersion,
      edge,
      credentials,
      config,
    },
    metrics,
    logger,
  });
  let url = config.baseUrl ?? `http://${config.host}:${config.port}`;
  const notifications = new NotificationDelivery({
    store,
    credentials,
    logger,
    clock,
    onDue: (listener) => scheduler.onNotifiersDue(listener),
    baseUrl: () => config.baseUrl ?? url,
    retryBaseMs: config.notificationRetryDelayMs,
  });
  await processor.start();
  await scheduler.start();
  // A taken port must end start-up, not leave the watcher and timers keeping a
  // half-started process alive.
  const stopWork = async () => {
    await processor.stop();
    await scheduler.stop();
    await store.close();
  };
  let address: string;
  try {
    address = await http.listen({ port: config.port, host: config.host, backlog: listenBacklog });
  } catch (error) {
    await stopWork();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new BordaError(
        ErrorCode.configuration,
        `Port ${config.port} on ${config.host} is already in use; stop what uses it or choose another with --port (BORDA_PORT).`,
      );
    }
    throw error;
  }
  url = address.replace("0.0.0.0", "127.0.0.1").replace("[::]", "[::1]");
  let metricsServer: MetricsServer | null = null;
  if (config.metricsPort !== null) {
    try {
      metricsServer = await startMetricsServer(
        metrics,
        { port: config.metricsPort, host: config.metricsHost },
        logger,
      );
    } catch (error) {
      await http.close();
      await stopWork();
      throw error;
    }
    logger.info({ url: metricsServer.url }, "metrics port open");
  }
  notifications.start();
  logger.info({ url, dagsFolder: config.dagsFolder }, "control plane started");
  return {
    config,
    store,
    scheduler,
    processor,
    edge,
    http,
    logger,
    secretKey,
    credentials,
    userAuth,
    notifications,
    url,
    metrics,
    metricsServer,
    async stop() {
      await metricsServer?.close();
      await http.close();
      await notifications.stop();
      await stopWork();
    },
  };
}
