import {
  BordaError,
  ErrorCode,
  isSecretId,
  maxSecretIdChars,
  secretIdRule,
  type TaskConnection,
  type TaskVariable,
} from "@borda/protocol/edge";
import { EdgeCallError } from "../client/edgeClient.js";
import { connectionVariable, type LocalSecrets, variableVariable } from "./localSecrets.js";

/**
 * Where a running task's connections and variables come from, in order: the worker's
 * environment, its `--secrets-dir` (both `LocalSecrets`), then the control plane, which
 * answers for one attempt at a time and only within the value's scope (invariant 9). A
 * local value wins and is never sent anywhere; the control plane is asked only for what
 * the worker does not hold.
 */

/** The control plane's connections and variables, read for one attempt. */
export interface ControlPlaneSecrets {
  /** Null when the control plane has no such connection; rejects when it refuses. */
  connection(attemptId: string, connId: string): Promise<TaskConnection | null>;
  /** Null when the control plane has no such variable; rejects when it refuses. */
  variable(attemptId: string, key: string): Promise<string | null>;
}

export interface SecretsResolverOptions {
  local: LocalSecrets;
  /** Absent: only local values (no control plane to ask). */
  controlPlane?: ControlPlaneSecrets;
}

export class SecretsResolver {
  readonly #local: LocalSecrets;
  readonly #controlPlane: ControlPlaneSecrets | undefined;

  constructor(options: SecretsResolverOptions) {
    this.#local = options.local;
    this.#controlPlane = options.controlPlane;
  }

  /**
   * Connection `connId` for attempt `attemptId`, from the first place that has it.
   * Rejects with a `BordaError`: `not_found` naming every place looked at, `forbidden`
   * with the control plane's reason, `invalid_input` for a bad id or a local value that
   * is not a connection.
   */
  async connection(attemptId: string, connId: string): Promise<TaskConnection> {
    checkId("connection id", connId);
    const found =
      (await this.#local.connection(connId)) ??
      (await this.#controlPlane?.connection(attemptId, connId)) ??
      null;
    if (found === null) {
      throw this.#notFound(`Connection '${connId}'`, connectionVariable(connId));
    }
    return found;
  }

  /** Variable `key`'s value for attempt `attemptId`; rejects as `connection()` does. */
  async variable(attemptId: string, key: string): Promise<string> {
    checkId("variable key", key);
    const found =
      (await this.#local.variable(key)) ??
      (await this.#controlPlane?.variable(attemptId, key)) ??
      null;
    if (found === null) throw this.#notFound(`Variable '${key}'`, variableVariable(key));
    return found;
  }

  #notFound(what: string, name: string): BordaError {
    const places = [`this worker's environment (${name})`];
    if (this.#local.hasSecretsDir) places.push("its --secrets-dir");
    if (this.#controlPlane) places.push("the control plane");
    const last = places.pop();
    const listed = places.length > 0 ? `${places.join(", ")}, nor ${last}` : last;
    return new BordaError(ErrorCode.notFound, `${what} is not defined: not in ${listed}.`);
  }
}

/**
 * The control plane's side, through the worker's client: a 404 means "not there" (the
 * next place, or not found), a 403's message reaches the task as the control plane wrote
 * it, and any other failure says which value could not be read.
 */
export function controlPlaneSecrets(client: {
  readConnection(attemptId: string, connId: string): Promise<TaskConnection>;
  readVariable(attemptId: string, key: string): Promise<TaskVariable>;
}): ControlPlaneSecrets {
  const read = async <T>(what: string, call: () => Promise<T>): Promise<T | null> => {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof EdgeCallError)) throw error;
      if (error.code === ErrorCode.notFound) return null;
      if (error.code === ErrorCode.forbidden) {
        throw new BordaError(ErrorCode.forbidden, error.detail, { cause: error });
      }
      throw new Error(`Reading ${what} from the control plane failed: ${error.message}`, {
        cause: error,
      });
    }
  };
  return {
    connection: (attemptId, connId) =>
      read(`connection '${connId}'`, () => client.readConnection(attemptId, connId)),
    variable: async (attemptId, key) =>
      (await read(`variable '${key}'`, () => client.readVariable(attemptId, key)))?.value ?? null,
  };
}

/** Ids name environment variables and files: only Airflow's characters, never a path. */
function checkId(what: string, id: string): void {
  if (!isSecretId(id)) {
    throw new BordaError(
      ErrorCode.invalidInput,
      `'${id}' is not a valid ${what}: ${secretIdRule}, at most ${maxSecretIdChars} characters.`,
    );
  }
}
