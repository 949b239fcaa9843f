import {
  closeSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { BordaError, ErrorCode } from "@borda/protocol/edge";
import type { AttemptResult } from "./attemptSpool.js";

/**
 * The final reports of the attempts whose spools live in one directory, in one
 * append-only file, `results.jsonl`: a line `{"attemptId","result"}` when an attempt ends
 * (before the report is sent), and a line `{"attemptId","settled":true}` once its spool is
 * removed (the control plane acknowledged the report, or the attempt is no longer this
 * worker's). A report with no later `settled` line is one the control plane may not have:
 * a worker that starts reads them back and ships them (invariant 5).
 *
 * Why one journal and not a file per report: creating, renaming and unlinking a file per
 * attempt took a quarter of the worker's CPU for a no-op task on the 2-vCPU benchmark
 * machine (1.15 → 0.86 s per 1,000; docs/internals.md, "The worker's spool"); two appends
 * to a file that stays open cost a fraction of that.
 *
 * Crash safety, without fsync (as for the logs: the page cache outlives the process, and
 * an fsync per report would cost more than the rest of a short task's bookkeeping):
 * - each record is one `write` of a whole line, so a process that dies leaves every
 *   record before it whole; a line cut short (a full disk, a machine that lost power) is
 *   the last one, carries no newline, and is cut off when the journal is read, before
 *   anything is appended after it;
 * - the journal is emptied in place (`ftruncate`) only when no report is pending, and
 *   otherwise rewritten to a temporary file renamed over it, so a crash at any point leaves
 *   either the old journal or the new one, each holding every pending report;
 * - a report settled but not yet marked so (a crash between the acknowledgement and the
 *   append) is sent again by the next run, and refused as stale: it is never applied twice.
 */

const fileName = "results.jsonl";

/**
 * The journal is rewritten once it is this large and more than half of it is settled
 * records: about 1,500 no-op tasks' worth, so the rewrite's few file operations are
 * shared by that many attempts, while an idle worker's journal is empty (see `settle`).
 */
const compactAtBytes = 256 * 1024;

type JournalLine =
  | { attemptId: string; result: AttemptResult; settled?: undefined }
  | { attemptId: string; settled: true; result?: undefined };

interface PendingReport {
  result: AttemptResult;
  /** The bytes of its line, to know how much of the journal is still needed. */
  bytes: number;
}

export class ResultJournal {
  readonly #dir: string;
  readonly #file: string;
  /** Open for appending from the first record on. */
  #fd: number | null = null;
  /** The journal's length: what has been appended, since it was read or last emptied. */
  #bytes = 0;
  readonly #pending = new Map<string, PendingReport>();
  /** Bytes of the pending reports' lines: what a rewrite would keep. */
  #pendingBytes = 0;

  private constructor(dir: string) {
    this.#dir = dir;
    this.#file = path.join(dir, fileName);
  }

  /**
   * The journal of a spool directory, read from disk the first time this process uses it:
   * one per directory, shared by its attempts' spools.
   */
  static of(dir: string): ResultJournal {
    let journal = journals.get(dir);
    if (!journal) {
      mkdirSync(dir, { recursive: true });
      journal = new ResultJournal(dir);
      journal.reload();
      journals.set(dir, journal);
    }
    return journal;
  }

  /**
   * Reads the journal from disk, as a worker that starts does, and returns the reports
   * not settled, by attempt id. A torn last line is cut off; reports that earlier versions
   * of the worker kept in a file each (`<attempt>.result.json`) are taken into the journal.
   */
  reload(): ReadonlyMap<string, AttemptResult> {
    this.#pending.clear();
    this.#pendingBytes = 0;
    let text: Buffer;
    try {
      text = readFileSync(this.#file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      text = Buffer.alloc(0);
    }
    // Everything after the last newline is a record whose write was cut short.
    const whole = text.lastIndexOf(0x0a) + 1;
    let start = 0;
    while (start < whole) {
      const end = text.indexOf(0x0a, start) + 1;
      const line = parseLine(text.toString("utf8", start, end));
      if (line?.result) this.#setPending(line.attemptId, line.result, end - start);
      else if (line?.settled) this.#deletePending(line.attemptId);
      start = end;
    }
    this.#bytes = text.length;
    if (whole < text.length) this.#truncate(whole);
    this.#adoptFileReports();
    // Settled records are of no use to a later run: start this one without them.
    if (this.#bytes > this.#pendingBytes) this.#rewrite();
    const results = new Map<string, AttemptResult>();
    for (const [attemptId, { result }] of this.#pending) results.set(attemptId, result);
    return results;
  }

  /** Records an attempt's final report; it is pending until `settle`. */
  record(attemptId: string, result: AttemptResult): void {
    const bytes = this.#append({ attemptId, result });
    this.#setPending(attemptId, result, bytes);
  }

  /** The attempt's report needs keeping no longer (acknowledged, or the attempt is stale). */
  settle(attemptId: string): void {
    if (!this.#pending.has(attemptId)) return;
    if (this.#pending.size === 1) {
      // Nothing else pending: empty the journal instead of marking the last one settled,
      // so an idle worker's spool holds nothing, and the journal never grows while tasks
      // run one at a time.
      this.#truncate(0);
      this.#deletePending(attemptId);
      return;
    }
    this.#append({ attemptId, settled: true });
    this.#deletePending(attemptId);
    this.#compactIfWasteful();
  }

  #setPending(attemptId: string, result: AttemptResult, bytes: number): void {
    this.#deletePending(attemptId);
    this.#pending.set(attemptId, { result, bytes });
    this.#pendingBytes += bytes;
  }

  #deletePending(attemptId: string): void {
    const report = this.#pending.get(attemptId);
    if (!report) return;
    this.#pending.delete(attemptId);
    this.#pendingBytes -= report.bytes;
  }

  /** Appends one line in one write; returns its length. */
  #append(line: JournalLine): number {
    const bytes = encodeLine(line);
    this.#fd ??= openSync(this.#file, "a");
    let written = 0;
    try {
      written = writeSync(this.#fd, bytes);
    } finally {
      // A write cut short (a full disk) would glue the next record to this one's torn end.
      if (written !== bytes.length) this.#truncate(this.#bytes);
    }
    if (written !== bytes.length) {
      throw new BordaError(
        ErrorCode.internal,
        `Only ${written} of ${bytes.length} bytes of a record reached the worker's spool (${this.#file}): is its disk full?`,
      );
    }
    this.#bytes += written;
    return written;
  }

  #truncate(length: number): void {
    this.#fd ??= openSync(this.#file, "a");
    ftruncateSync(this.#fd, length);
    this.#bytes = length;
  }

  /** Rewrites the journal once settled records fill most of it. */
  #compactIfWasteful(): void {
    if (this.#bytes > compactAtBytes && this.#bytes > 2 * this.#pendingBytes) this.#rewrite();
  }

  /** The journal with only the pending reports: a new file renamed over it. */
  #rewrite(): void {
    if (this.#pending.size === 0) {
      this.#truncate(0);
      return;
    }
    const lines = [...this.#pending].map(([attemptId, report]) => {
      const line = encodeLine({ attemptId, result: report.result });
      report.bytes = line.length;
      return line;
    });
    const content = Buffer.concat(lines);
    const temporary = `${this.#file}.tmp`;
    writeFileSync(temporary, content);
    renameSync(temporary, this.#file);
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = openSync(this.#file, "a");
    this.#bytes = content.length;
    this.#pendingBytes = content.length;
  }

  /**
   * Takes in the reports of earlier versions of the worker, one file each, and drops
   * their `.tmp` files and this journal's own (writes that never completed: a report the
   * worker died writing was never sent, and a rewrite that never completed left the old
   * journal whole).
   */
  #adoptFileReports(): void {
    for (const name of readdirSync(this.#dir)) {
      const file = path.join(this.#dir, name);
      if (name.endsWith(".tmp")) {
        rmSync(file, { force: true });
        continue;
      }
      const attemptFile = /^(.+)\.result\.json$/.exec(name)?.[1];
      if (attemptFile === undefined) continue;
      const result = readReport(file);
      if (result) this.record(decodeURIComponent(attemptFile), result);
      rmSync(file, { force: true });
    }
  }
}

/** The journals this process has open, by directory. */
const journals = new Map<string, ResultJournal>();

function encodeLine(line: JournalLine): Buffer {
  return Buffer.from(`${JSON.stringify(line)}\n`, "utf8");
}

function parseLine(text: string): JournalLine | null {
  try {
    const line = JSON.parse(text) as Partial<JournalLine> | null;
    return typeof line?.attemptId === "string" ? (line as JournalLine) : null;
  } catch {
    return null;
  }
}

/** An earlier version's report file; a torn one (the worker died writing it) is none. */
function readReport(file: string): AttemptResult | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as AttemptResult;
  } catch {
    return null;
  }
}
