import pino, { type Logger } from "pino";
import type { ServerConfig } from "./config.js";
import { DagProcessor } from "./dags/dagProcessor.js";
import { Scheduler } from "./scheduler/scheduler.js";
import { openStore, type Store } from "./store/index.js";

/** A running control plane: the store, the DAG processor and the scheduler, wired together. */
export interface ControlPlane {
  store: Store;
  scheduler: Scheduler;
  processor: DagProcessor;
  logger: Logger;
  stop(): Promise<void>;
}

export async function startControlPlane(
  config: ServerConfig,
  options: { logger?: Logger } = {},
): Promise<ControlPlane> {
  const logger =
    options.logger ?? pino({ level: config.logLevel, redact: ["req.headers.authorization"] });
  const store = await openStore({
    home: config.home,
    databaseUrl: config.databaseUrl,
    dagsPausedAtCreation: config.dagsPausedAtCreation,
    onConnectionError: (error) =>
      logger.warn({ err: error }, "database connection lost; reconnecting"),
  });
  logger.info({ database: store.location }, "metadata store ready");
  const scheduler = new Scheduler({ store, logger, leaseMs: config.workerTimeoutMs });
  const processor = new DagProcessor({
    dagsFolder: config.dagsFolder,
    registry: store,
    logger,
    parseTimeoutMs: config.dagParseTimeoutMs,
    rescanIntervalMs: config.dagRescanIntervalMs,
  });
  await processor.start();
  await scheduler.start();
  logger.info({ dagsFolder: config.dagsFolder }, "control plane started");
  return {
    store,
    scheduler,
    processor,
    logger,
    async stop() {
      await processor.stop();
      await scheduler.stop();
      await store.close();
    },
  };
}
