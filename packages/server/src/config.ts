import path from "node:path";
import { type SettingDefinition, settingsReader } from "@borda/protocol";
import { usernamePattern } from "./store/users.js";

/**
 * Every setting of the control plane, with its environment variable and flag. This table
 * is the one source: the CLI builds its flags from it and the configuration reference
 * is generated from it.
 */
export const serverSettings = {
  port: {
    env: "BORDA_PORT",
    flag: "--port <port>",
    description: "Port of the HTTP server: the worker API (/edge/v1), the REST API and the UI.",
    default: "8080",
  },
  host: {
    env: "BORDA_HOST",
    flag: "--host <address>",
    description: "Address to listen on (0.0.0.0: every interface; 127.0.0.1: this machine only).",
    default: "0.0.0.0",
  },
  metricsPort: {
    env: "BORDA_METRICS_PORT",
    flag: "--metrics-port <port>",
    description:
      "Port of a separate, unauthenticated Prometheus endpoint (GET /metrics); 0 picks a free port. Unset: off (the main port's /metrics, for API tokens, is always there).",
    default: undefined,
  },
  metricsHost: {
    env: "BORDA_METRICS_HOST",
    flag: "--metrics-host <address>",
    description:
      "Address the metrics port listens on. Unset: the server's --host. The port has no authentication: keep it on a network only Prometheus reaches.",
    default: undefined,
  },
  home: {
    env: "BORDA_HOME",
    flag: "--home <dir>",
    description: "Directory for Borda's own files: the embedded database, the secret key, caches.",
    default: "./.borda",
  },
  databaseUrl: {
    env: "BORDA_DATABASE_URL",
    flag: "--database-url <url>",
    description:
      "PostgreSQL connection URL (postgres://user:password@host:5432/db) for scale-out. Unset: the embedded SQLite database in BORDA_HOME.",
    default: undefined,
  },
  dagsFolder: {
    env: "BORDA_DAGS_FOLDER",
    flag: "--dags <dir>",
    description: "Folder of DAG files (*.ts, *.mts, *.js, *.mjs, *.py), watched for changes.",
    default: "./dags",
  },
  dagsPausedAtCreation: {
    env: "BORDA_DAGS_PAUSED_AT_CREATION",
    flag: "--dags-paused-at-creation <bool>",
    description:
      "Whether a newly discovered DAG starts paused (Airflow's dags_are_paused_at_creation).",
    default: "true",
  },
  dagParseTimeout: {
    env: "BORDA_DAG_PARSE_TIMEOUT",
    flag: "--dag-parse-timeout <seconds>",
    description: "Longest time evaluating one DAG file may take before it becomes an import error.",
    default: "30",
  },
  python: {
    env: "BORDA_PYTHON",
    flag: "--python <path>",
    description:
      "The Python interpreter that imports Python DAG files (Borda's Python SDK and Airflow-style files): a virtualenv's python gives them the packages they import (pendulum, jinja2).",
    default: "python3",
  },
  dagRescanInterval: {
    env: "BORDA_DAG_RESCAN_INTERVAL",
    flag: "--dag-rescan-interval <seconds>",
    description: "Full rescan of the DAGs folder, as a safety net behind file watching.",
    default: "30",
  },
  secretKey: {
    env: "BORDA_SECRET_KEY",
    flag: null,
    description:
      "Secret key (32+ characters) keying token hashes and signatures; every replica needs the same. Environment only. Unset: generated once into BORDA_HOME/secret_key.",
    default: undefined,
  },
  encryptionKeys: {
    env: "BORDA_ENCRYPTION_KEYS",
    flag: null,
    description:
      "Keys (32+ characters each, comma-separated) that encrypt connections and variables at rest: the first encrypts, all decrypt; every replica needs the same. Rotate with `borda db rotate-encryption-key`. Environment only. Unset: generated once into BORDA_HOME/encryption_key.",
    default: undefined,
  },
  testConnection: {
    env: "BORDA_TEST_CONNECTION",
    flag: "--test-connection <bool>",
    description:
      "Whether POST /api/v1/connections/test (and the UI's Test button) may open a TCP connection from the control plane to a connection's host and port. Off by default, as in Airflow: it lets an Op probe any address the control plane reaches.",
    default: "false",
  },
  exposeConfig: {
    env: "BORDA_EXPOSE_CONFIG",
    flag: "--expose-config <bool>",
    description:
      "Whether GET /api/v1/config answers these settings to Op and Admin users (sensitive ones as '< hidden >'), as Airflow's expose_config. Off by default: it answers 403.",
    default: "false",
  },
  adminUser: {
    env: "BORDA_ADMIN_USER",
    flag: "--admin-user <name>",
    description:
      "Username of the Admin created at start-up when BORDA_ADMIN_PASSWORD is set (and by `borda standalone`).",
    default: "admin",
  },
  adminPassword: {
    env: "BORDA_ADMIN_PASSWORD",
    flag: null,
    description:
      "Password of that Admin, used only to create it when it does not exist: an existing user's password is never changed. Environment only.",
    default: undefined,
  },
  jwtExpiration: {
    env: "BORDA_JWT_EXPIRATION",
    flag: "--jwt-expiration <seconds>",
    description:
      "How long an access token from POST /auth/token (a JWT for /api/v2 and /api/v1, Airflow 3's way of signing in) stays valid. Short, as a token cannot be revoked before it expires except by changing the user's password or deleting the user.",
    default: "3600",
  },
  heartbeatInterval: {
    env: "BORDA_HEARTBEAT_INTERVAL",
    flag: "--heartbeat-interval <seconds>",
    description: "How often workers heartbeat (the server tells them at registration).",
    default: "5",
  },
  workerTimeout: {
    env: "BORDA_WORKER_TIMEOUT",
    flag: "--worker-timeout <seconds>",
    description:
      "A worker not heard from this long, counting only time this control plane was up, is 'unknown' and loses its running attempts: they fail and retry per task policy (a claimed job it never started goes back to its queue). A worker token's own --worker-timeout overrides it for its workers. Default: 3 heartbeat intervals.",
    default: undefined,
  },
  fetchWait: {
    env: "BORDA_FETCH_WAIT",
    flag: "--fetch-wait <seconds>",
    description:
      "Longest a worker's fetch waits for work before answering empty (long-poll); keep it under your proxies' idle timeout.",
    default: "25",
  },
  stuckQueuedAfter: {
    env: "BORDA_STUCK_QUEUED_AFTER",
    flag: "--stuck-queued-after <seconds>",
    description:
      "A job queued this long without a worker claiming it counts as stuck: `borda status` and the UI's banner name it (GET /api/v1/status).",
    default: "300",
  },
  maxReturnValue: {
    env: "BORDA_MAX_RETURN_VALUE",
    flag: "--max-return-value <bytes>",
    description:
      "Largest task return value (as JSON) stored as XCom; a larger one fails the attempt.",
    default: "1048576",
  },
  baseUrl: {
    env: "BORDA_BASE_URL",
    flag: "--base-url <url>",
    description:
      "The URL people open the UI at (https://borda.example.com), for the links in notifications. Unset: the address the server listens on.",
    default: undefined,
  },
  notificationRetryDelay: {
    env: "BORDA_NOTIFICATION_RETRY_DELAY",
    flag: "--notification-retry-delay <seconds>",
    description:
      "Wait before a failed notification's first retry, doubled for each after it (4 tries in all).",
    default: "2",
  },
  logLevel: {
    env: "BORDA_LOG_LEVEL",
    flag: "--log-level <level>",
    description: "Log level: fatal, error, warn, info, debug, trace or silent.",
    default: "info",
  },
  logFormat: {
    env: "BORDA_LOG_FORMAT",
    flag: "--log-format <format>",
    description:
      "Log format on stdout: text (time, level, message, fields), json (one object per line), or auto: text on a terminal, json otherwise.",
    default: "auto",
  },
} as const satisfies Record<string, SettingDefinition>;

export type SettingName = keyof typeof serverSettings;

/** Settings whose values are secrets, or hold one (a database URL's password): never answered. */
export const sensitiveSettings: ReadonlySet<SettingName> = new Set([
  "databaseUrl",
  "secretKey",
  "encryptionKeys",
  "adminPassword",
]);
/** `auto`: text on a terminal, JSON anywhere else (serverLog.ts). */
export const logFormats = ["auto", "text", "json"] as const;
export type LogFormatSetting = (typeof logFormats)[number];

export interface ServerConfig {
  port: number;
  host: string;
  /** The unauthenticated metrics port; null: off. */
  metricsPort: number | null;
  metricsHost: string;
  home: string;
  databaseUrl: string | undefined;
  dagsFolder: string;
  dagsPausedAtCreation: boolean;
  dagParseTimeoutMs: number;
  dagRescanIntervalMs: number;
  python: string;
  secretKey: string | undefined;
  encryptionKeys: string | undefined;
  testConnection: boolean;
  exposeConfig: boolean;
  adminUser: string;
  adminPassword: string | undefined;
  jwtExpirationMs: number;
  heartbeatIntervalMs: number;
  workerTimeoutMs: number;
  fetchWaitMs: number;
  stuckQueuedAfterMs: number;
  maxReturnValueBytes: number;
  baseUrl: string | undefined;
  notificationRetryDelayMs: number;
  logLevel: string;
  logFormat: LogFormatSetting;
}

/**
 * Resolves the configuration: a flag wins over its environment variable, which wins over
 * the default. Throws a `configuration` error naming the setting for a bad value.
 */
export function resolveServerConfig(
  flags: Partial<Record<SettingName, string | undefined>> = {},
  env: NodeJS.ProcessEnv = process.env,
): ServerConfig {
  const { raw, invalid, seconds, wholeNumber, bool } = settingsReader(serverSettings, flags, env);
  const heartbeatIntervalMs = seconds("heartbeatInterval");
  const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
  const logLevel = String(raw("logLevel"));
  const adminUser = String(raw("adminUser"));
  if (!usernamePattern.test(adminUser)) {
    throw invalid("adminUser", adminUser, "1 to 256 characters, without ':' or spaces");
  }
  if (!levels.includes(logLevel)) throw invalid("logLevel", logLevel, levels.join(", "));
  const logFormat = String(raw("logFormat"));
  if (!isLogFormat(logFormat)) throw invalid("logFormat", logFormat, logFormats.join(", "));
  return {
    port: wholeNumber("port", 0, 65535),
    host: String(raw("host")),
    metricsPort: raw("metricsPort") === undefined ? null : wholeNumber("metricsPort", 0, 65535),
    metricsHost: String(raw("metricsHost") ?? raw("host")),
    home: path.resolve(String(raw("home"))),
    databaseUrl: raw("databaseUrl"),
    dagsFolder: path.resolve(String(raw("dagsFolder"))),
    dagsPausedAtCreation: bool("dagsPausedAtCreation"),
    dagParseTimeoutMs: seconds("dagParseTimeout"),
    dagRescanIntervalMs: seconds("dagRescanInterval"),
    python: String(raw("python")),
    secretKey: raw("secretKey"),
    encryptionKeys: raw("encryptionKeys"),
    testConnection: bool("testConnection"),
    exposeConfig: bool("exposeConfig"),
    adminUser,
    adminPassword: raw("adminPassword"),
    jwtExpirationMs: seconds("jwtExpiration"),
    heartbeatIntervalMs,
    workerTimeoutMs:
      raw("workerTimeout") === undefined ? 3 * heartbeatIntervalMs : seconds("workerTimeout"),
    fetchWaitMs: seconds("fetchWait"),
    stuckQueuedAfterMs: seconds("stuckQueuedAfter"),
    maxReturnValueBytes: wholeNumber("maxReturnValue", 1, 64 * 1024 * 1024),
    baseUrl: baseUrl(raw("baseUrl"), invalid),
    notificationRetryDelayMs: seconds("notificationRetryDelay"),
    logLevel,
    logFormat,
  };
}

/** Each setting's value as resolved, in the unit its setting is written in; "" when unset. */
export function settingValues(config: ServerConfig): Record<SettingName, string> {
  const seconds = (ms: number) => String(ms / 1000);
  return {
    port: String(config.port),
    host: config.host,
    metricsPort: config.metricsPort === null ? "" : String(config.metricsPort),
    metricsHost: config.metricsHost,
    home: config.home,
    databaseUrl: config.databaseUrl ?? "",
    dagsFolder: config.dagsFolder,
    dagsPausedAtCreation: String(config.dagsPausedAtCreation),
    dagParseTimeout: seconds(config.dagParseTimeoutMs),
    python: config.python,
    dagRescanInterval: seconds(config.dagRescanIntervalMs),
    secretKey: config.secretKey ?? "",
    encryptionKeys: config.encryptionKeys ?? "",
    testConnection: String(config.testConnection),
    exposeConfig: String(config.exposeConfig),
    jwtExpiration: seconds(config.jwtExpirationMs),
    adminUser: config.adminUser,
    adminPassword: config.adminPassword ?? "",
    heartbeatInterval: seconds(config.heartbeatIntervalMs),
    workerTimeout: seconds(config.workerTimeoutMs),
    fetchWait: seconds(config.fetchWaitMs),
    stuckQueuedAfter: seconds(config.stuckQueuedAfterMs),
    maxReturnValue: String(config.maxReturnValueBytes),
    baseUrl: config.baseUrl ?? "",
    notificationRetryDelay: seconds(config.notificationRetryDelayMs),
    logLevel: config.logLevel,
    logFormat: config.logFormat,
  };
}

const isLogFormat = (value: string): value is LogFormatSetting =>
  (logFormats as readonly string[]).includes(value);

function baseUrl(
  value: string | undefined,
  invalid: (name: SettingName, value: string | undefined, expected: string) => Error,
): string | undefined {
  if (value === undefined) return undefined;
  if (!/^https?:\/\/[^\s]+$/.test(value)) throw invalid("baseUrl", value, "an http(s) URL");
  return value.replace(/\/+$/, "");
}
