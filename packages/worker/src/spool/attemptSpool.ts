import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { ResultJournal } from "./resultJournal.js";

/**
 * One attempt's spool in `${workDir}/spool/`: `<attemptId>.log`, the attempt's log as the
 * control plane will show it, created by the first line the attempt writes (a task that
 * prints nothing has none), and its final report, recorded in the directory's journal
 * (resultJournal.ts) before it is sent and settled there once acknowledged, when the log
 * is removed. Everything the control plane has not acknowledged survives a lost
 * connection and a worker restart (invariant 5); a worker crash loses nothing written,
 * since the page cache outlives the process (no fsync: it would cost more than the rest
 * of a short task's bookkeeping).
 *
 * Writes are synchronous appends: one small write per chunk of output keeps the log's
 * order trivially right, and the shipper reads the bytes back by offset. Flat files
 * rather than a directory per attempt, and one journal rather than a file per report:
 * on the 2-vCPU benchmark machine each file or directory created and removed per attempt
 * cost about 0.3 ms of the worker's CPU, for a no-op task a quarter of it (docs/internals.md,
 * "The worker's spool").
 */

/** The final report of an attempt, as sent to the control plane. */
export type AttemptResult =
  | {
      outcome: "success";
      returnValue?: unknown;
      xcoms?: Record<string, unknown>;
      renderedMapIndex?: string;
    }
  /**
   * `sensorTimeout`: a sensor ran out of time (no retry; skipped with soft_fail).
   * `skipped`: the task skipped itself, `error` saying why (no retry).
   */
  | {
      outcome: "failure";
      error: string;
      exitCode: number | null;
      sensorTimeout?: boolean;
      skipped?: boolean;
    }
  /** A reschedule-mode sensor's poke found its condition false: the slot is free until its next poke. */
  | { outcome: "reschedule" };

/** Where a line came from: the task's stdout (and `ctx.log`), its stderr, or the worker. */
export type OutputStream = "stdout" | "stderr" | "borda";

const linePrefix: Record<OutputStream, string> = {
  stdout: "",
  stderr: "[stderr] ",
  borda: "[borda] ",
};

/** A line longer than this without a newline is cut, so a progress bar cannot fill memory. */
const maxLineChars = 64 * 1024;

export class AttemptSpool {
  readonly attemptId: string;
  /** The log's path. */
  readonly #logFile: string;
  readonly #journal: ResultJournal;
  readonly #now: () => Date;
  /** The log, open for appending while the task runs; opened on the first line. */
  #fd: number | null = null;
  /** The log file exists (removing it when it never did would cost a system call). */
  #hasLog: boolean;
  #size: number;
  #started: boolean;
  #result: AttemptResult | null;
  /** Removed: what still comes (a cancelled task's last output, a late answer) is dropped. */
  #removed = false;
  readonly #partial: Record<OutputStream, string> = { stdout: "", stderr: "", borda: "" };

  private constructor(
    attemptId: string,
    spoolRoot: string,
    journal: ResultJournal,
    now: () => Date,
    leftover: { logged: boolean; result: AttemptResult | null } | null,
  ) {
    this.attemptId = attemptId;
    this.#logFile = path.join(spoolRoot, `${fileName(attemptId)}.log`);
    this.#journal = journal;
    this.#now = now;
    this.#hasLog = leftover?.logged ?? false;
    this.#size = this.#hasLog ? statSync(this.#logFile).size : 0;
    // An earlier run's start is never sent again: the control plane takes the report of
    // an attempt it handed out whether or not it heard of the start.
    this.#started = leftover !== null;
    this.#result = leftover?.result ?? null;
  }

  /** The spool of an attempt this worker just took. */
  static create(spoolRoot: string, attemptId: string, now: () => Date = () => new Date()) {
    return new AttemptSpool(attemptId, spoolRoot, ResultJournal.of(spoolRoot), now, null);
  }

  /**
   * Spools left by an earlier run of the worker (it stopped before they were shipped): a
   * report not settled, a log not removed, or both. Reads the spool from disk again.
   */
  static leftovers(spoolRoot: string, now: () => Date = () => new Date()): AttemptSpool[] {
    if (!existsSync(spoolRoot)) return [];
    const journal = ResultJournal.of(spoolRoot);
    const results = journal.reload();
    const logged = new Set(
      readdirSync(spoolRoot)
        .map((name) => /^(.+)\.log$/.exec(name)?.[1])
        .filter((name) => name !== undefined)
        .map((name) => decodeURIComponent(name)),
    );
    return [...new Set([...results.keys(), ...logged])].map(
      (attemptId) =>
        new AttemptSpool(attemptId, spoolRoot, journal, now, {
          logged: logged.has(attemptId),
          result: results.get(attemptId) ?? null,
        }),
    );
  }

  /** Bytes in the log. */
  get size(): number {
    return this.#size;
  }

  /** The control plane acknowledged the start (or an earlier run of the worker sent it). */
  get started(): boolean {
    return this.#started;
  }

  get result(): AttemptResult | null {
    return this.#result;
  }

  /** Appends output; complete lines are timestamped and written, a partial line waits. */
  write(stream: OutputStream, text: string): void {
    const lines = (this.#partial[stream] + text).split("\n");
    let rest = lines.pop() ?? "";
    while (rest.length > maxLineChars) {
      lines.push(rest.slice(0, maxLineChars));
      rest = rest.slice(maxLineChars);
    }
    this.#partial[stream] = rest;
    this.#appendLines(stream, lines);
  }

  /** A line from the worker itself about the attempt (a timeout, a kill). */
  note(text: string): void {
    this.#appendLines("borda", text.split("\n"));
  }

  /** Writes the partial lines out (the task ended). */
  flushLines(): void {
    for (const stream of Object.keys(this.#partial) as OutputStream[]) {
      const rest = this.#partial[stream];
      this.#partial[stream] = "";
      if (rest !== "") this.#appendLines(stream, [rest]);
    }
  }

  /**
   * Up to `maxBytes` of the log from byte `offset`, cut at a character boundary so it is
   * valid UTF-8 (the control plane counts offsets in UTF-8 bytes).
   */
  readChunk(offset: number, maxBytes: number): { offset: number; data: string } {
    const length = Math.max(0, Math.min(maxBytes, this.#size - offset));
    if (this.#removed || length === 0) return { offset, data: "" };
    const buffer = Buffer.alloc(length);
    const fd = openSync(this.#logFile, "r");
    try {
      const read = readSync(fd, buffer, 0, length, offset);
      return { offset, data: buffer.toString("utf8", 0, completeCharacters(buffer, read)) };
    } finally {
      closeSync(fd);
    }
  }

  /** The control plane acknowledged the start (kept in memory: see the constructor). */
  markStarted(): void {
    this.#started = true;
  }

  /** Records the final report (before it is sent) and closes the log. */
  finish(result: AttemptResult): void {
    if (this.#removed) return;
    this.flushLines();
    try {
      this.#journal.record(this.attemptId, result);
    } finally {
      // Even unrecorded (the disk is full), the report is sent: it is lost only if the
      // worker also stops before the control plane has it.
      this.#result = result;
      this.close();
    }
  }

  /** Closes the log file (reading it back by offset still works). */
  close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }

  /** Deletes the spool: the control plane acknowledged the result, or the attempt is stale. */
  remove(): void {
    if (this.#removed) return;
    this.#removed = true;
    this.close();
    // The log first: a worker that stops in between ships the report again, and the
    // control plane refuses it as stale; the other way round it would ship the log of an
    // attempt with no report, as interrupted, refused as well but only after the log.
    if (this.#hasLog) {
      try {
        unlinkSync(this.#logFile);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    this.#journal.settle(this.attemptId);
  }

  #appendLines(stream: OutputStream, lines: string[]): void {
    if (lines.length === 0 || this.#removed) return;
    const time = this.#now().toISOString();
    const prefix = `${time} ${linePrefix[stream]}`;
    const text = lines.map((line) => `${prefix}${line.replace(/\r$/, "")}\n`).join("");
    const bytes = Buffer.from(text, "utf8");
    if (this.#fd === null) {
      this.#fd = openSync(this.#logFile, "a");
      this.#hasLog = true;
    }
    writeSync(this.#fd, bytes);
    this.#size += bytes.length;
  }
}

/** Attempt ids come from the control plane; encoded, any id is one safe file name. */
function fileName(attemptId: string): string {
  return encodeURIComponent(attemptId).replace(/^\.+$/, (dots) => "%2E".repeat(dots.length));
}

/** How many of the first `length` bytes form whole UTF-8 characters. */
function completeCharacters(buffer: Buffer, length: number): number {
  let start = length;
  // Walk back over continuation bytes (10xxxxxx) to the start of the last character.
  while (start > 0 && start > length - 4 && ((buffer[start - 1] ?? 0) & 0xc0) === 0x80) start--;
  if (start === 0) return length;
  const lead = buffer[start - 1] ?? 0;
  const width = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return start - 1 + width <= length ? length : start - 1;
}
