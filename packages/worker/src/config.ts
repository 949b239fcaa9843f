import { randomBytes } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  BordaError,
  ErrorCode,
  queuePattern,
  queuePatternRule,
  type SettingDefinition,
  settingsReader,
  workerNamePattern,
} from "@borda/protocol/edge";
import { parseByteSize } from "./byteSize.js";

/**
 * Every setting of the edge worker, with its environment variable and flag. This table
 * is the one source: `borda worker --help` is built from it and the configuration
 * reference is generated from it. A setting without a flag is read from the environment
 * only (the token: flags show in `ps`).
 */
export const workerSettings = {
  apiUrl: {
    env: "BORDA_API_URL",
    flag: "--api-url <url>",
    description:
      "The control plane's base URL, e.g. https://borda.example.com (the worker appends /edge/v1). Required.",
    default: undefined,
  },
  token: {
    env: "BORDA_WORKER_TOKEN",
    flag: null,
    description:
      "The worker's token, as the control plane issued it. Environment only (a flag would show in `ps`); or use --token-file.",
    default: undefined,
  },
  tokenFile: {
    env: "BORDA_WORKER_TOKEN_FILE",
    flag: "--token-file <path>",
    description:
      "A file holding the worker's token (a mounted secret); wins over BORDA_WORKER_TOKEN.",
    default: undefined,
  },
  queues: {
    env: "BORDA_QUEUES",
    flag: "-q, --queues <names>",
    description: "Comma-separated queues to take work from; `*` matches any run of characters.",
    default: "default",
  },
  concurrency: {
    env: "BORDA_CONCURRENCY",
    flag: "-c, --concurrency <slots>",
    description: "Slots for tasks running at once (a task takes its pool_slots).",
    default: "8",
  },
  hostname: {
    env: "BORDA_HOSTNAME",
    flag: "--hostname <name>",
    description:
      "The worker's name at the control plane; unique among running workers. On Cloud Run (K_REVISION set), where every instance is called localhost, the default is the revision and 8 random hex digits.",
    default: "the machine's host name",
  },
  heartbeatInterval: {
    env: "BORDA_HEARTBEAT_INTERVAL",
    flag: "--heartbeat-interval <seconds>",
    description:
      "Seconds between heartbeats, until the control plane's registration answer sets it.",
    default: "5",
  },
  drainTimeout: {
    env: "BORDA_DRAIN_TIMEOUT",
    flag: "--drain-timeout <seconds>",
    description:
      "On SIGTERM or a shutdown request: how long running tasks may finish before they are killed and reported failed.",
    default: "300",
  },
  healthPort: {
    env: "PORT",
    flag: "--health-port <port>",
    description:
      "Serve GET /healthz and GET /readyz on this port, for Cloud Run and Kubernetes probes, and GET /metrics for Prometheus. Unset: no health server.",
    default: undefined,
  },
  minFreeDisk: {
    env: "BORDA_MIN_FREE_DISK",
    flag: "--min-free-disk <size>",
    description:
      "Enter maintenance by itself (no new work; running tasks finish) while the disk of the work directory has less free space than this, e.g. 500MB or 2GiB; leave it once 10% above. Unset or 0: not checked.",
    default: undefined,
  },
  minFreeMemory: {
    env: "BORDA_MIN_FREE_MEMORY",
    flag: "--min-free-memory <size>",
    description:
      "Enter maintenance by itself while the machine's available memory is below this, e.g. 200MB; leave it once 10% above. Unset or 0: not checked.",
    default: undefined,
  },
  healthCheck: {
    env: "BORDA_HEALTH_CHECK",
    flag: "--health-check <command>",
    description:
      "A shell command run every health check interval: while it exits non-zero (or outlasts its timeout) the worker stays in maintenance by itself, the last line of its output the reason shown. It does not get the worker's token.",
    default: undefined,
  },
  healthCheckInterval: {
    env: "BORDA_HEALTH_CHECK_INTERVAL",
    flag: "--health-check-interval <seconds>",
    description:
      "Seconds between the worker's own checks: free disk, free memory and the health check command.",
    default: "30",
  },
  healthCheckTimeout: {
    env: "BORDA_HEALTH_CHECK_TIMEOUT",
    flag: "--health-check-timeout <seconds>",
    description:
      "How long the health check command may run; one that runs longer is killed and counts as failed.",
    default: "10",
  },
  workDir: {
    env: "BORDA_WORKER_DIR",
    flag: "--work-dir <dir>",
    description:
      "The worker's own files: its instance id, the DAG bundle cache, the log and result spool, tasks' working directories. The default is under ./.borda, which Borda's .gitignore keeps out of a checkout.",
    default: "./.borda/edge-worker",
  },
  fetchWait: {
    env: "BORDA_FETCH_WAIT",
    flag: "--fetch-wait <seconds>",
    description:
      "How long one fetch long-poll waits for work; keep it under the idle timeout of proxies in between.",
    default: "25",
  },
  python: {
    env: "BORDA_PYTHON",
    flag: "--python <path>",
    description:
      "The Python interpreter that runs Python tasks (a task may name its own): a virtualenv's python, baked into a team's image, gives them its packages.",
    default: "python3",
  },
  taskEnv: {
    env: "BORDA_TASK_ENV",
    flag: "--task-env <names>",
    description:
      "Comma-separated environment variables passed on to tasks, besides PATH, HOME, LANG and TZ (tasks see nothing else of the worker's environment).",
    default: undefined,
  },
  secretsDir: {
    env: "BORDA_SECRETS_DIR",
    flag: "--secrets-dir <dir>",
    description:
      "Tasks' connections and variables kept at the worker's site: files AIRFLOW_CONN_<ID> and AIRFLOW_VAR_<KEY>, in the directory or one level down, read at each request. Looked in after the environment, before the control plane.",
    default: undefined,
  },
  logLevel: {
    env: "BORDA_LOG_LEVEL",
    flag: "--log-level <level>",
    description: "Log level: error, warn, info, debug or silent.",
    default: "info",
  },
  logFormat: {
    env: "BORDA_LOG_FORMAT",
    flag: "--log-format <format>",
    description:
      "Log format on stderr: text (time, level, message, fields), json (one object per line), or auto: text on a terminal, json otherwise.",
    default: "auto",
  },
} as const satisfies Record<string, SettingDefinition>;

export type WorkerSettingName = keyof typeof workerSettings;

export const logLevels = ["error", "warn", "info", "debug", "silent"] as const;
export type LogLevel = (typeof logLevels)[number];
export type LogFormat = "text" | "json";
/** `auto`: text when stderr is a terminal, JSON otherwise (the worker decides at start). */
export type LogFormatSetting = LogFormat | "auto";

export interface WorkerConfig {
  /** The control plane's base URL, without `/edge/v1`. */
  apiUrl: string;
  token: string;
  queues: string[];
  concurrency: number;
  hostname: string;
  heartbeatIntervalMs: number;
  drainTimeoutMs: number;
  /** Null: no health server. 0 picks a free port. */
  healthPort: number | null;
  workDir: string;
  fetchWaitMs: number;
  /** The interpreter of Python tasks that name none. */
  python: string;
  /** Names of worker environment variables passed on to tasks. */
  taskEnv: string[];
  /** The directory of the worker's own connections and variables; null for none. */
  secretsDir: string | null;
  logLevel: LogLevel;
  logFormat: LogFormatSetting;
  /** What makes the worker put itself in maintenance. */
  selfCheck: SelfCheckConfig;
}

/** The worker's own checks; a null threshold or command is not checked. */
export interface SelfCheckConfig {
  minFreeDiskBytes: number | null;
  minFreeMemoryBytes: number | null;
  command: string | null;
  intervalMs: number;
  timeoutMs: number;
}

/**
 * Resolves the configuration: a flag wins over its environment variable, which wins over
 * the default. Throws a `configuration` error naming the setting for a missing or bad
 * value; the message never contains the token.
 */
export function resolveWorkerConfig(
  flags: Partial<Record<WorkerSettingName, string | undefined>> = {},
  env: NodeJS.ProcessEnv = process.env,
): WorkerConfig {
  const { raw, invalid, seconds, wholeNumber, list } = settingsReader(workerSettings, flags, env);

  const queues = list("queues");
  if (queues.length === 0) throw invalid("queues", raw("queues"), "at least one queue name");
  for (const queue of queues) {
    if (!queuePattern.test(queue)) {
      throw invalid("queues", raw("queues"), `queue names (${queuePatternRule})`);
    }
  }

  const concurrency = wholeNumber("concurrency", 1, 10_000);

  const hostname = flags.hostname ?? (env.BORDA_HOSTNAME || defaultWorkerName(env));
  if (!workerNamePattern.test(hostname)) {
    throw invalid(
      "hostname",
      hostname,
      "a name of letters, digits, '_', '.' or '-' (at most 200 characters)",
    );
  }

  const portText = raw("healthPort");
  const healthPort = portText === undefined ? null : Number(portText);
  if (
    healthPort !== null &&
    (!Number.isInteger(healthPort) || healthPort < 0 || healthPort > 65_535)
  ) {
    throw invalid("healthPort", portText, "a port number from 0 to 65535");
  }

  const taskEnv = list("taskEnv");
  for (const name of taskEnv) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw invalid("taskEnv", raw("taskEnv"), "comma-separated environment variable names");
    }
    if (name.startsWith("BORDA_")) {
      throw new BordaError(
        ErrorCode.configuration,
        `${workerSettings.taskEnv.env} (--task-env) may not pass ${name} to tasks: BORDA_* variables are the worker's own settings (its token among them). Give the task another name for it.`,
      );
    }
  }

  const logLevel = String(raw("logLevel")) as LogLevel;
  if (!logLevels.includes(logLevel)) throw invalid("logLevel", logLevel, logLevels.join(", "));
  const logFormat = String(raw("logFormat"));
  if (logFormat !== "text" && logFormat !== "json" && logFormat !== "auto") {
    throw invalid("logFormat", logFormat, "auto, text or json");
  }

  /** A free-space threshold: null when unset or 0 (not checked). */
  const threshold = (name: "minFreeDisk" | "minFreeMemory"): number | null => {
    const text = raw(name);
    if (text === undefined) return null;
    const bytes = parseByteSize(text);
    if (bytes === null) throw invalid(name, text, "a size such as 500MB, 2GiB or 0 (off)");
    return bytes === 0 ? null : bytes;
  };

  const fetchWaitMs = seconds("fetchWait");
  if (fetchWaitMs > 120_000) throw invalid("fetchWait", raw("fetchWait"), "at most 120 seconds");

  return {
    apiUrl: resolveApiUrl(raw("apiUrl"), invalid),
    token: resolveToken(raw("tokenFile"), env),
    queues,
    concurrency,
    hostname,
    heartbeatIntervalMs: seconds("heartbeatInterval"),
    drainTimeoutMs: seconds("drainTimeout"),
    healthPort,
    workDir: path.resolve(String(raw("workDir"))),
    fetchWaitMs,
    python: String(raw("python")),
    taskEnv,
    secretsDir: resolveSecretsDir(raw("secretsDir")),
    logLevel,
    logFormat,
    selfCheck: {
      minFreeDiskBytes: threshold("minFreeDisk"),
      minFreeMemoryBytes: threshold("minFreeMemory"),
      command: raw("healthCheck")?.trim() || null,
      intervalMs: seconds("healthCheckInterval"),
      timeoutMs: seconds("healthCheckTimeout"),
    },
  };
}

/**
 * The secrets directory, which must exist at start: a typo would otherwise show only as
 * tasks failing to find their connections. Its contents are read at each request.
 */
function resolveSecretsDir(dir: string | undefined): string | null {
  if (dir === undefined) return null;
  const { env } = workerSettings.secretsDir;
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch (error) {
    throw new BordaError(
      ErrorCode.configuration,
      `${env} (--secrets-dir) names ${dir}, which cannot be read: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (!isDirectory) {
    throw new BordaError(
      ErrorCode.configuration,
      `${env} (--secrets-dir) must be a directory; ${dir} is not one.`,
    );
  }
  return path.resolve(dir);
}

/** The base URL as given, checked, without a trailing slash or a pasted `/edge/v1`. */
function resolveApiUrl(
  value: string | undefined,
  invalid: (name: "apiUrl", value: string | undefined, expected: string) => BordaError,
): string {
  const { env } = workerSettings.apiUrl;
  if (value === undefined) {
    throw new BordaError(
      ErrorCode.configuration,
      `${env} (--api-url) is required: the control plane's base URL, e.g. https://borda.example.com.`,
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid("apiUrl", value, "a URL such as https://borda.example.com");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw invalid("apiUrl", value, "an http:// or https:// URL such as https://borda.example.com");
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw invalid(
      "apiUrl",
      value,
      "a plain base URL such as https://borda.example.com (no query, fragment or credentials)",
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "").replace(/\/edge\/v1$/, "")}`;
}

function resolveToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv): string {
  let token: string | undefined = env[workerSettings.token.env];
  if (tokenFile !== undefined) {
    try {
      token = readFileSync(tokenFile, "utf8");
    } catch (error) {
      throw new BordaError(
        ErrorCode.configuration,
        `Reading the worker token from ${tokenFile} (--token-file) failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  token = token?.trim();
  if (!token) {
    throw new BordaError(
      ErrorCode.configuration,
      `No worker token: set ${workerSettings.token.env}, or pass --token-file <path> (${workerSettings.tokenFile.env}).`,
    );
  }
  return token;
}

/**
 * The machine's host name, except on Cloud Run: there every instance is "localhost", and
 * two instances (of one service, or old and new revisions during a deploy) would claim the
 * same worker name; the revision plus a random suffix names each instance apart.
 */
function defaultWorkerName(env: NodeJS.ProcessEnv): string {
  if (env.K_REVISION) return `${env.K_REVISION}-${randomBytes(4).toString("hex")}`;
  return os.hostname();
}
