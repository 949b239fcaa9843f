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
