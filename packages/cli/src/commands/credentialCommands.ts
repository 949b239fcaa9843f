import { readFileSync, writeFileSync } from "node:fs";

/**
 * What `borda connections` and `borda variables` share: the `--queues` flag (Borda's
 * scope on a value), the `--team` flag (which `borda pools` takes too), and the files of Airflow's `connections|variables export` and
 * `import`, which are one JSON object keyed by connection id or variable key.
 */

export const queuesHelp =
  "comma-separated queue patterns whose tasks may read it, e.g. 'team_a_*,team_a_etl' ('*' is a wildcard)";

/** `--team`'s help, for what `borda pools`, `connections` and `variables` create or move. */
export const teamHelp =
  "the team it belongs to (`borda teams list`); default: your one team where you are Op (an Admin's: default)";

/** `--team`'s help where the command also changes an existing one. */
export const moveTeamHelp = `${teamHelp}. Given for an existing one, moves it there`;

/** `--queues a,b`: the patterns, trimmed; the server checks each one. */
export function parseQueues(text: string): string[] {
  const queues = text
    .split(",")
    .map((queue) => queue.trim())
    .filter(Boolean);
  if (queues.length === 0) throw new Error("--queues needs at least one queue pattern.");
  return queues;
}

/** Who may read a value, for a confirmation line and a table cell. */
export function readableBy(queues: readonly string[] | null): string {
  return queues === null ? "every queue" : `queues matching ${queues.join(", ")}`;
}

/** A table's QUEUES cell: `(all)` for a value every queue may read. */
export function queuesCell(queues: readonly string[] | null): string {
  return queues === null ? "(all)" : queues.join(",");
}

/** An import file (`-`: standard input) holding one JSON object. */
export function readImportFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${file} must hold one JSON object, keyed by id, as Airflow's export writes.`);
  }
  return value as Record<string, unknown>;
}

/**
 * Writes an export to `file`, or to standard output for `-`, and says so: on stdout for a
 * file, on stderr for `-`, whose stdout is the JSON alone. A new file is readable by its
 * owner only, since it may hold secrets (variables' values, fields of extras).
 */
export function writeExport(file: string, exported: Record<string, unknown>, noun: string): void {
  const text = `${JSON.stringify(exported, null, 2)}\n`;
  const count = Object.keys(exported).length;
  if (file === "-") {
    process.stdout.write(text);
    process.stderr.write(`Exported ${count} ${noun}.\n`);
    return;
  }
  writeFileSync(file, text, { mode: 0o600 });
  process.stdout.write(`Exported ${count} ${noun} to ${file}.\n`);
}

/** How many GETs an export keeps in flight, and how often it reports progress. */
const fetchConcurrency = 8;
const progressEvery = 100;

/**
 * Fetches one item per key, answering them in the keys' order. Lists answer no values
 * (nor extras), so an export asks for each; past `progressEvery` it reports on stderr.
 */
export async function fetchEach<T>(
  keys: readonly string[],
  fetchOne: (key: string) => Promise<T>,
  noun: string,
): Promise<T[]> {
  const results: T[] = new Array(keys.length);
  let next = 0;
  let done = 0;
  const fetcher = async () => {
    for (let i = next++; i < keys.length; i = next++) {
      results[i] = await fetchOne(keys[i] as string);
      done += 1;
      if (keys.length > progressEvery && done % progressEvery === 0) {
        process.stderr.write(`Fetched ${done} of ${keys.length} ${noun}...\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(fetchConcurrency, keys.length) }, fetcher));
  return results;
}

/** Counts of an import, for its summary line and exit code. */
export interface ImportTally {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

/**
 * Prints an import's summary (failures were reported one by one on stderr); any failure
 * makes the exit code 1, though every other item was still imported.
 */
export function reportImport(file: string, noun: string, tally: ImportTally, total: number): void {
  const parts = [`${tally.created} created`, `${tally.updated} updated`];
  if (tally.skipped > 0) parts.push(`${tally.skipped} skipped`);
  parts.push(`${tally.failed} failed`);
  process.stdout.write(
    `Imported ${tally.created + tally.updated} of ${total} ${noun} from ${file}: ${parts.join(", ")}.\n`,
  );
  if (tally.failed > 0) process.exitCode = 1;
}
