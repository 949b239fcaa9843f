export { localWorkerToken } from "./auth/localWorkerToken.js";
export { loadSecretKey } from "./auth/secretKey.js";
export { standaloneAdmin } from "./auth/standaloneAdmin.js";
export { UserAuth } from "./auth/users.js";
export { createWorkerToken } from "./auth/workerTokens.js";
export {
  resolveServerConfig,
  type ServerConfig,
  type SettingName,
  serverSettings,
} from "./config.js";
export { type ControlPlane, startControlPlane } from "./controlPlane.js";
export { Credentials } from "./credentials/credentials.js";
export { loadEncryptionKeys } from "./credentials/encryptionKeys.js";
export {
  DagProcessor,
  type DagProcessorOptions,
  type DeployResult,
  type ScanReport,
} from "./dags/dagProcessor.js";
export type { DagImportError, ParsedDagFile, RecordedDagVersion } from "./dags/dagRegistry.js";
export { type Clock, systemClock } from "./scheduler/clock.js";
export { JobNotifier } from "./scheduler/jobNotifier.js";
export { Scheduler } from "./scheduler/scheduler.js";
export type { WorkerChange, WorkerRecord, WorkerTokenRecord } from "./store/index.js";
export { openStore, type Store, type StoreOptions } from "./store/index.js";
