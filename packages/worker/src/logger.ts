import type { LogFormat, LogLevel } from "./config.js";

/**
 * The worker's own log: concise lines on stderr (time, level, message, fields), or one
 * JSON object per line. Task output never goes here; it goes to the attempt's spool.
 * Nothing logs the token: the client keeps it to itself and errors never carry headers.
 */
export type LogFields = Record<string, unknown>;

export interface Logger {
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  level: LogLevel;
  format: LogFormat;
  /** Where lines go; default stderr. */
  write?: (line: string) => void;
  now?: () => Date;
}

const severity: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3, silent: -1 };

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? (() => new Date());
  const threshold = severity[options.level];
  const log =
    (level: Exclude<LogLevel, "silent">) =>
    (message: string, fields: LogFields = {}): void => {
      if (severity[level] > threshold) return;
      const time = now().toISOString();
      if (options.format === "json") {
        write(`${JSON.stringify({ level, time, msg: message, ...plain(fields) })}\n`);
        return;
      }
      const rest = Object.entries(plain(fields))
        .map(([key, value]) => ` ${key}=${formatValue(value)}`)
        .join("");
      write(`${time} ${level.toUpperCase().padEnd(5)} ${message}${rest}\n`);
    };
  return { error: log("error"), warn: log("warn"), info: log("info"), debug: log("debug") };
}

/** Errors become their message (and code), so a field never dumps a stack or a request. */
function plain(fields: LogFields): LogFields {
  const result: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    result[key] =
      value instanceof Error
        ? "code" in value && typeof value.code === "string"
          ? `${value.message} (${value.code})`
          : value.message
        : value;
  }
  return result;
}

function formatValue(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return /^[^\s"=]+$/.test(text ?? "") ? String(text) : JSON.stringify(text);
}
