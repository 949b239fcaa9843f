import type { SettingDefinition } from "@borda/protocol";
import type { Command } from "commander";

/**
 * Adds a flag per setting of a config table, its help naming the environment variable
 * and the default, so `--help` and the configuration reference come from one source.
 */
export function addSettingFlags<Name extends string>(
  command: Command,
  table: Record<Name, SettingDefinition>,
  names: readonly Name[] = Object.keys(table) as Name[],
): Command {
  for (const name of names) {
    const setting = table[name];
    if (setting.flag === null) continue;
    const fallback = setting.default === undefined ? "" : ` (default: ${setting.default})`;
    command.option(setting.flag, `${setting.description} [env ${setting.env}]${fallback}`);
  }
  return command;
}

/** Commander's option values, keyed by setting name. */
export function settingValues<Name extends string>(
  options: Record<string, unknown>,
  table: Record<Name, SettingDefinition>,
  names: readonly Name[] = Object.keys(table) as Name[],
): Partial<Record<Name, string>> {
  const values: Partial<Record<Name, string>> = {};
  for (const name of names) {
    const flag = table[name].flag;
    if (flag === null) continue;
    const value = options[optionKey(flag)];
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

/** `--dag-parse-timeout <seconds>` (or `-q, --queues <names>`) → `dagParseTimeout`, as commander names it. */
export function optionKey(flag: string): string {
  const long = longFlag(flag).replace(/^--/, "");
  return long.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** `-q, --queues <names>` → `--queues`. */
export const longFlag = (flag: string) =>
  flag.split(/[ ,]+/).find((token) => token.startsWith("--")) ?? flag;
