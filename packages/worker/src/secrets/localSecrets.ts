import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { BordaError, ErrorCode, parseConnection, type TaskConnection } from "@borda/protocol/edge";

/**
 * A worker's own connections and variables, which never reach the control plane: its
 * environment's `AIRFLOW_CONN_<ID>` and `AIRFLOW_VAR_<KEY>` (Airflow's environment
 * variables backend: the id or key in upper case), then files of the same names in its
 * `--secrets-dir`. A connection is a URI or a JSON object, as Airflow reads it.
 *
 * The directory is read each time a task asks, since mounted secrets rotate. A file is
 * looked for in it and one level down (Cloud Run mounts each secret in a directory of its
 * own); directories whose names start with a dot are skipped (Kubernetes' `..data` and
 * `..<timestamp>`, which hold the same files as the links beside them). A file's trailing
 * newline is not part of the value. As in Airflow, an empty connection counts as none.
 */

export interface LocalSecretsOptions {
  /** The worker's own environment (a task's is an allowlist, without these). */
  env: NodeJS.ProcessEnv;
  /** The `--secrets-dir`; null for none. */
  secretsDir: string | null;
}

/** The environment variable, and file name, of connection `connId`. */
export function connectionVariable(connId: string): string {
  return `AIRFLOW_CONN_${connId.toUpperCase()}`;
}

/** The environment variable, and file name, of variable `key`. */
export function variableVariable(key: string): string {
  return `AIRFLOW_VAR_${key.toUpperCase()}`;
}

export class LocalSecrets {
  readonly #env: NodeJS.ProcessEnv;
  readonly #secretsDir: string | null;

  constructor(options: LocalSecretsOptions) {
    this.#env = options.env;
    this.#secretsDir = options.secretsDir;
  }

  /** Whether there is a `--secrets-dir` to look in. */
  get hasSecretsDir(): boolean {
    return this.#secretsDir !== null;
  }

  /**
   * The connection defined here, or null. Throws an `invalid_input` error naming the
   * environment variable or file when the value there is not a connection.
   */
  async connection(connId: string): Promise<TaskConnection | null> {
    const found = await this.#find(connectionVariable(connId), (text) => text !== "");
    if (found === null) return null;
    try {
      return parseConnection(connId, found.text);
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      throw new BordaError(ErrorCode.invalidInput, `${found.where}: ${problem}`, { cause: error });
    }
  }

  /** The variable's value defined here, or null. */
  async variable(key: string): Promise<string | null> {
    return (await this.#find(variableVariable(key), () => true))?.text ?? null;
  }

  /** The first value of `name` that `counts`: the environment's, else the secrets directory's. */
  async #find(
    name: string,
    counts: (text: string) => boolean,
  ): Promise<{ text: string; where: string } | null> {
    const fromEnv = this.#env[name];
    if (fromEnv !== undefined && counts(fromEnv)) {
      return { text: fromEnv, where: `${name} in this worker's environment` };
    }
    const dir = this.#secretsDir;
    if (dir === null) return null;
    for (const file of [path.join(dir, name), ...(await subdirectoryFiles(dir, name))]) {
      const text = await readSecretFile(file);
      if (text !== null && counts(text)) return { text, where: `${file} (--secrets-dir)` };
    }
    return null;
  }
}

/** Where `name` may be one level down in `dir`: in each directory not hidden, in name order. */
async function subdirectoryFiles(dir: string, name: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    // A directory that is not there (yet) holds nothing; the worker checked it at start.
    if (isMissing(error)) return [];
    throw unreadable(dir, error);
  }
  return entries
    .filter((entry) => !entry.startsWith("."))
    .sort()
    .map((entry) => path.join(dir, entry, name));
}

/** The file's text without its trailing newline; null when there is no such file. */
async function readSecretFile(file: string): Promise<string | null> {
  try {
    return (await readFile(file, "utf8")).replace(/\r?\n$/, "");
  } catch (error) {
    // Not there, or `name` is a directory here (then the file may be inside it).
    if (isMissing(error) || (error as NodeJS.ErrnoException).code === "EISDIR") return null;
    throw unreadable(file, error);
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

function unreadable(where: string, error: unknown): BordaError {
  return new BordaError(
    ErrorCode.configuration,
    `Cannot read ${where} (--secrets-dir): ${(error as Error).message}`,
    { cause: error },
  );
}
