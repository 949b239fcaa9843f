import type { Command } from "commander";

/** `table` for lists, `text` for a command's own human output; `json` for scripts. */
export type OutputFormat = "table" | "text" | "json";

/** Adds `--output table|json` to a list command (`text|json` to one with its own human output). */
export function addOutputOption(command: Command, human: "table" | "text" = "table"): Command {
  return command.option(
    "-o, --output <format>",
    human === "table" ? "table (aligned columns) or json" : "text or json",
    human,
  );
}

export function outputFormat(
  options: { output?: string },
  human: "table" | "text" = "table",
): OutputFormat {
  const format = options.output ?? human;
  if (format === human || format === "json") return format;
  throw new Error(`--output must be ${human} or json, not '${format}'.`);
}

/** Prints rows as aligned columns with a header, or as a JSON array. */
export function printRows<Row extends object>(
  rows: readonly Row[],
  columns: readonly { header: string; value: (row: Row) => unknown }[],
  format: OutputFormat,
  write: (text: string) => void = (text) => process.stdout.write(text),
): void {
  if (format === "json") {
    write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const cells = rows.map((row) => columns.map((c) => display(c.value(row))));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((r) => r[i]?.length ?? 0)),
  );
  const line = (values: string[]) =>
    `${values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd()}\n`;
  write(line(columns.map((c) => c.header)));
  for (const row of cells) write(line(row));
  if (rows.length === 0) write("(none)\n");
}

function display(value: unknown): string {
  if (value === null || value === undefined) return "-";
  if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, "Z");
  if (Array.isArray(value)) return value.join(",");
  return String(value);
}

/** Prints one object as aligned `label: value` lines, or as JSON. */
export function printFields<Item extends object>(
  item: Item,
  fields: readonly { label: string; value: (item: Item) => unknown }[],
  format: OutputFormat,
  write: (text: string) => void = (text) => process.stdout.write(text),
): void {
  if (format === "json") {
    write(`${JSON.stringify(item, null, 2)}\n`);
    return;
  }
  const width = Math.max(...fields.map((f) => f.label.length)) + 1;
  for (const f of fields) write(`${`${f.label}:`.padEnd(width)}  ${display(f.value(item))}\n`);
}

/** An API instant (ISO-8601 string) as a Date, so tables show it to the second. */
export function instant(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}
