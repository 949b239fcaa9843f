import pino, { type Logger } from "pino";
import type { LogFormatSetting } from "./config.js";

/*
 * The control plane's own log (pino): one JSON object per line for machines, or, on a
 * terminal, one readable line per entry: time, level, message, then the entry's fields.
 */

/** `auto` reads as text on a terminal and JSON anywhere else (a file, a pipe, a collector). */
export function chooseLogFormat(setting: LogFormatSetting, isTty: boolean): "text" | "json" {
  return setting === "auto" ? (isTty ? "text" : "json") : setting;
}

const levelNames: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};

/** What every pino entry carries and the text line shows otherwise, or not at all. */
const shownApart = new Set(["level", "time", "msg", "pid", "hostname"]);

/**
 * One pino entry as a line: `2026-01-01T12:00:00.000Z INFO  message key=value ...`. An
 * error field shows its message (the JSON format keeps the stack); a value with spaces
 * or quotes is quoted, so each `key=value` stays one word.
 */
export function textLogLine(entry: Record<string, unknown>): string {
  const time = typeof entry.time === "number" ? new Date(entry.time).toISOString() : "";
  const level = levelNames[Number(entry.level)] ?? String(entry.level);
  const fields = Object.entries(entry)
    .filter(([key, value]) => !shownApart.has(key) && value !== undefined)
    .map(([key, value]) => ` ${key}=${fieldText(value)}`)
    .join("");
  return `${time} ${level.padEnd(5)} ${String(entry.msg ?? "")}${fields}\n`;
}

function fieldText(value: unknown): string {
  const shown =
    typeof value === "string"
      ? value
      : isError(value)
        ? `${value.type ?? "Error"}: ${value.message}`
        : JSON.stringify(value);
  return /^[^\s"=]+$/.test(shown) ? shown : JSON.stringify(shown);
}

/** pino's serialization of an Error: `{ type, message, stack }`. */
function isError(value: unknown): value is { type?: string; message: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    "message" in value &&
    "stack" in value &&
    typeof value.message === "string"
  );
}

/** The control plane's logger at `level`, writing `format` lines to stdout. */
export function createServerLogger(level: string, format: "text" | "json"): Logger {
  const options = { level, redact: ["req.headers.authorization", "headers.authorization"] };
  if (format === "json") return pino(options);
  return pino(options, {
    write: (line: string) => process.stdout.write(textLogLine(JSON.parse(line))),
  });
}
