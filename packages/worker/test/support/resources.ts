import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { createLogger, type LogFields, type Logger } from "../../src/logger.js";

/** Temporary directories and clean-ups of one test, undone after it (in reverse order). */
export function useResources() {
  let cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    const pending = cleanups.reverse();
    cleanups = [];
    for (const cleanup of pending) await cleanup();
  });
  return {
    dir(prefix = "borda-worker-test-"): string {
      const dir = mkdtempSync(path.join(tmpdir(), prefix));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      return dir;
    },
    defer(cleanup: () => unknown): void {
      cleanups.push(cleanup);
    },
  };
}

/** Polls `check` until it returns something truthy; never asserts on how long that took. */
export async function eventually<T>(
  check: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The process exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

/** Log lines without their timestamps. */
export function logLines(log: string): string[] {
  return log
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.replace(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /, ""));
}

/** A worker logger that drops everything. */
export const silentLogger = createLogger({ level: "silent", format: "text" });

export interface LogRecord {
  level: "error" | "warn" | "info" | "debug";
  message: string;
  fields: LogFields;
}

/** A worker logger that keeps every line, with its level and fields, for a test to read. */
export function recordingLogger(): { logger: Logger; records: LogRecord[] } {
  const records: LogRecord[] = [];
  const at =
    (level: LogRecord["level"]) =>
    (message: string, fields: LogFields = {}) =>
      records.push({ level, message, fields });
  return {
    logger: { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") },
    records,
  };
}
