import path from "node:path";
import { BordaError, ErrorCode } from "@borda/protocol";

/**
 * Every setting of the control plane, with its environment variable and flag. This table
 * is the one source: the CLI builds its flags from it and the configuration reference
 * is generated from it.
 */
export const serverSettings = {
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
    description: "Folder of DAG files (*.ts, *.mts, *.js, *.mjs), watched for changes.",
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
  dagRescanInterval: {
    env: "BORDA_DAG_RESCAN_INTERVAL",
    flag: "--dag-rescan-interval <seconds>",
    description: "Full rescan of the DAGs folder, as a safety net behind file watching.",
    default: "30",
  },
  workerTimeout: {
    env: "BORDA_WORKER_TIMEOUT",
    flag: "--worker-timeout <seconds>",
    description:
      "A worker that has not heartbeated for this long loses its attempts' leases; they fail and retry per task policy.",
    default: "15",
  },
  logLevel: {
    env: "BORDA_LOG_LEVEL",
    flag: "--log-level <level>",
    description: "Log level: fatal, error, warn, info, debug, trace or silent.",
    default: "info",
  },
} as const satisfies Record<string, SettingDefinition>;

export interface SettingDefinition {
  env: string;
  flag: string;
  description: string;
  default: string | undefined;
}

export type SettingName = keyof typeof serverSettings;

export interface ServerConfig {
  home: string;
  databaseUrl: string | undefined;
  dagsFolder: string;
  dagsPausedAtCreation: boolean;
  dagParseTimeoutMs: number;
  dagRescanIntervalMs: number;
  workerTimeoutMs: number;
  logLevel: string;
}

/**
 * Resolves the configuration: a flag wins over its environment variable, which wins over
 * the default. Throws a `configuration` error naming the setting for a bad value.
 */
export function resolveServerConfig(
  flags: Partial<Record<SettingName, string | undefined>> = {},
  env: NodeJS.ProcessEnv = process.env,
): ServerConfig {
  const raw = (name: SettingName): string | undefined => {
    const fromEnv = env[serverSettings[name].env];
    return flags[name] ?? (fromEnv === "" ? undefined : fromEnv) ?? serverSettings[name].default;
  };
  const seconds = (name: SettingName): number => {
    const value = Number(raw(name));
    if (!Number.isFinite(value) || value <= 0) {
      throw invalid(name, raw(name), "a positive number of seconds");
    }
    return Math.round(value * 1000);
  };
  const bool = (name: SettingName): boolean => {
    const value = String(raw(name)).toLowerCase();
    if (["true", "1", "yes"].includes(value)) return true;
    if (["false", "0", "no"].includes(value)) return false;
    throw invalid(name, raw(name), "true or false");
  };
  const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
  const logLevel = String(raw("logLevel"));
  if (!levels.includes(logLevel)) throw invalid("logLevel", logLevel, levels.join(", "));
  return {
    home: path.resolve(String(raw("home"))),
    databaseUrl: raw("databaseUrl"),
    dagsFolder: path.resolve(String(raw("dagsFolder"))),
    dagsPausedAtCreation: bool("dagsPausedAtCreation"),
    dagParseTimeoutMs: seconds("dagParseTimeout"),
    dagRescanIntervalMs: seconds("dagRescanInterval"),
    workerTimeoutMs: seconds("workerTimeout"),
    logLevel,
  };
}

function invalid(name: SettingName, value: string | undefined, expected: string): BordaError {
  const setting = serverSettings[name];
  return new BordaError(
    ErrorCode.configuration,
    `${setting.env} (${setting.flag.split(" ")[0]}) must be ${expected}; got '${value}'.`,
  );
}
