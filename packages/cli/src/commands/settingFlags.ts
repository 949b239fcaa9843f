import { type SettingName, serverSettings } from "@borda/server";
import type { Command } from "commander";

/** Adds a flag per server setting, its help naming the environment variable and default. */
export function addSettingFlags(command: Command, names: readonly SettingName[]): Command {
  for (const name of names) {
    const setting = serverSettings[name];
    const fallback = setting.default === undefined ? "" : ` (default: ${setting.default})`;
    command.option(setting.flag, `${setting.description} [env ${setting.env}]${fallback}`);
  }
  return command;
}

/** Commander's option values, keyed by setting name. */
export function settingValues(
  options: Record<string, unknown>,
  names: readonly SettingName[],
): Partial<Record<SettingName, string>> {
  const values: Partial<Record<SettingName, string>> = {};
  for (const name of names) {
    const key = optionKey(serverSettings[name].flag);
    const value = name === "dagsFolder" ? options.dags : options[key];
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

/** `--dag-parse-timeout <seconds>` → `dagParseTimeout`, as commander names it. */
function optionKey(flag: string): string {
  const long = flag.split(" ")[0]?.replace(/^--/, "") ?? "";
  return long.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
