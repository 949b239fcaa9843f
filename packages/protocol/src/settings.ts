import { BordaError, ErrorCode } from "./errors.js";

/**
 * A configuration setting as the server's and the worker's config tables describe it:
 * one source for the flag, the environment variable, `--help` and the configuration
 * reference.
 */
export interface SettingDefinition {
  env: string;
  /** Null for settings read from the environment only (secrets: flags show in `ps`). */
  flag: string | null;
  description: string;
  default: string | undefined;
}

/**
 * Reads settings of a config table: a flag wins over its environment variable, which
 * wins over the default (an empty variable counts as unset). Each parser throws a
 * `configuration` error naming the variable and the flag, never echoing a secret's value
 * (secrets are read with `raw`, and checked by their callers).
 */
export function settingsReader<Name extends string>(
  table: Record<Name, SettingDefinition>,
  flags: Partial<Record<Name, string | undefined>>,
  env: Record<string, string | undefined>,
) {
  const raw = (name: Name): string | undefined => {
    const fromEnv = env[table[name].env];
    return flags[name] ?? (fromEnv === "" ? undefined : fromEnv) ?? table[name].default;
  };
  const invalid = (name: Name, value: string | undefined, expected: string): BordaError => {
    const setting = table[name];
    const long = setting.flag?.split(/[ ,]+/).find((token) => token.startsWith("--"));
    const flag = long === undefined ? "" : ` (${long})`;
    return new BordaError(
      ErrorCode.configuration,
      `${setting.env}${flag} must be ${expected}; got '${value}'.`,
    );
  };
  return {
    raw,
    invalid,
    /** A positive number of seconds, as milliseconds. */
    seconds(name: Name): number {
      const value = Number(raw(name));
      if (!Number.isFinite(value) || value <= 0)
        throw invalid(name, raw(name), "a positive number of seconds");
      return Math.round(value * 1000);
    },
    wholeNumber(name: Name, min: number, max: number): number {
      const value = Number(raw(name));
      if (!Number.isInteger(value) || value < min || value > max) {
        throw invalid(name, raw(name), `a whole number from ${min} to ${max}`);
      }
      return value;
    },
    bool(name: Name): boolean {
      const value = String(raw(name)).toLowerCase();
      if (["true", "1", "yes"].includes(value)) return true;
      if (["false", "0", "no"].includes(value)) return false;
      throw invalid(name, raw(name), "true or false");
    },
    /** A comma-separated list, items trimmed, empty ones dropped. */
    list(name: Name): string[] {
      return (raw(name) ?? "")
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== "");
    },
  };
}
