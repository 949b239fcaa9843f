import type { Command } from "commander";

export type OutputFormat = "table" | "json";

/** Adds `--output table|json` to a list command. */
export function addOutputOption(command: Command): Command {
  return command.option("-o, --output <format>", "table (aligned columns) or json", "table");
}

export function outputFormat(options: { output?: string }): OutputFormat {
  if (options.output === "json" || options.output === "table" || options.output === undefined) {
    return options.output ?? "table";
  }
  throw new Error(`--output must be table or json, not '${options.output}'.`);
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
