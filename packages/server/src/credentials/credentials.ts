import {
  BordaError,
  ErrorCode,
  isSensitiveName,
  type TaskConnection,
  type TaskVariable,
} from "@borda/protocol";
import { tokenCoversQueue } from "../auth/workerTokens.js";
import type { Clock } from "../scheduler/clock.js";
import { queueMatcher } from "../scheduler/jobNotifier.js";
import {
  type AttemptRecord,
  CredentialKind,
  defaultTeam,
  type Store,
  type StoredCredential,
  type WorkerTokenRecord,
} from "../store/index.js";
import type { EncryptionKeys } from "./encryptionKeys.js";

/**
 * Connections and variables in plain form, for the REST API and for tasks: seals what is
 * secret before the store sees it, opens it after. Tasks read one value at a time, for
 * their attempt, within the value's queue scope; each read and each refusal goes to the
 * event log (docs/security.md, "Connections and variables").
 */

export interface ConnectionValue {
  connId: string;
  connType: string;
  description: string | null;
  host: string | null;
  port: number | null;
  login: string | null;
  password: string | null;
  schema: string | null;
  /** JSON text of an object, or null. */
  extra: string | null;
  queues: string[] | null;
  /** The team that owns it (docs/teams.md); absent: `default`. */
  team?: string;
}

export interface VariableValue {
  key: string;
  value: string;
  description: string | null;
  queues: string[] | null;
  /** The team that owns it (docs/teams.md); absent: `default`. */
  team?: string;
}

/** The sealed part of a connection. */
type ConnectionSecret = Pick<
  ConnectionValue,
  "host" | "port" | "login" | "password" | "schema" | "extra"
>;

/** Who asks for a value from a task: the attempt, and the worker and token it came through. */
export interface AttemptReader {
  /** The attempt, or the code callback of a task (its claim id as the attempt id). */
  attempt: Pick<
    AttemptRecord,
    "attemptId" | "queue" | "dagId" | "runId" | "taskId" | "mapIndex" | "tryNumber"
  >;
  workerName: string;
  token: WorkerTokenRecord;
}

export class Credentials {
  readonly #store: Store;
  readonly #keys: EncryptionKeys;
  readonly #clock: Clock;

  constructor(options: { store: Store; keys: EncryptionKeys; clock: Clock }) {
    this.#store = options.store;
    this.#keys = options.keys;
    this.#clock = options.clock;
  }

  /** Every connection, or with `teams` only those teams'. */
  async listConnections(teams?: readonly string[]): Promise<ConnectionValue[]> {
    const stored = await this.#store.listCredentials(CredentialKind.connection, teams);
    return stored.map((credential) => this.#openConnection(credential));
  }

  async getConnection(connId: string): Promise<ConnectionValue | null> {
    const stored = await this.#store.findCredential(CredentialKind.connection, connId);
    return stored && this.#openConnection(stored);
  }

  /** Adds a connection; a `conflict` error when one with its id exists. */
  async createConnection(connection: ConnectionValue): Promise<void> {
    await this.#store.insertCredential(this.#sealConnection(connection));
  }

  /** Replaces a connection; a `not_found` error when there is none with its id. */
  async replaceConnection(connection: ConnectionValue): Promise<void> {
    if (!(await this.#store.replaceCredential(this.#sealConnection(connection)))) {
      throw notFound(CredentialKind.connection, connection.connId);
    }
  }

  async deleteConnection(connId: string): Promise<void> {
    if (!(await this.#store.deleteCredential(CredentialKind.connection, connId))) {
      throw notFound(CredentialKind.connection, connId);
    }
  }

  /** Every variable, or with `teams` only those teams'. */
  async listVariables(teams?: readonly string[]): Promise<VariableValue[]> {
    const stored = await this.#store.listCredentials(CredentialKind.variable, teams);
    return stored.map((credential) => this.#openVariable(credential));
  }

  async getVariable(key: string): Promise<VariableValue | null> {
    const stored = await this.#store.findCredential(CredentialKind.variable, key);
    return stored && this.#openVariable(stored);
  }

  async createVariable(variable: VariableValue): Promise<void> {
    await this.#store.insertCredential(this.#sealVariable(variable));
  }

  async replaceVariable(variable: VariableValue): Promise<void> {
    if (!(await this.#store.replaceCredential(this.#sealVariable(variable)))) {
      throw notFound(CredentialKind.variable, variable.key);
    }
  }

  async deleteVariable(key: string): Promise<void> {
    if (!(await this.#store.deleteCredential(CredentialKind.variable, key))) {
      throw notFound(CredentialKind.variable, key);
    }
  }

  /**
   * Re-encrypts every value not sealed with the current key (the first of
   * BORDA_ENCRYPTION_KEYS). Every value must open under some configured key, or nothing
   * changes. Answers how many were re-encrypted, and how many there are.
   */
  async rotate(): Promise<{ reencrypted: number; total: number }> {
    let total = 0;
    const reencrypted = await this.#store.resealCredentials((credential) => {
      total += 1;
      if (this.#keys.isCurrent(credential.sealed)) return null;
      const belongsTo = sealedFor(credential.kind, credential.id);
      return this.#keys.seal(this.#keys.open(credential.sealed, belongsTo), belongsTo);
    });
    return { reencrypted, total };
  }

  /** A connection for a running attempt, if its queue is in the connection's scope. */
  async connectionForAttempt(reader: AttemptReader, connId: string): Promise<TaskConnection> {
    const connection = await this.getConnection(connId);
    if (!connection) throw notFound(CredentialKind.connection, connId);
    await this.#requireInScope(reader, CredentialKind.connection, connId, connection);
    const { queues: _, team: __, ...forTask } = connection;
    return forTask;
  }

  /** A variable for a running attempt, if its queue is in the variable's scope. */
  async variableForAttempt(reader: AttemptReader, key: string): Promise<TaskVariable> {
    const variable = await this.getVariable(key);
    if (!variable) throw notFound(CredentialKind.variable, key);
    await this.#requireInScope(reader, CredentialKind.variable, key, variable);
    return { key, value: variable.value };
  }

  async #requireInScope(
    reader: AttemptReader,
    kind: CredentialKind,
    id: string,
    { queues, team }: Pick<VariableValue, "queues" | "team">,
  ): Promise<void> {
    const { attempt, token } = reader;
    const label = `${kind === CredentialKind.connection ? "Connection" : "Variable"} '${id}'`;
    // Team first (docs/teams.md): a value serves its own team's DAGs only, `default`'s
    // included, whatever its queues. To the task, another team's value is missing (the
    // refusal, in the task's team's event log, does not say it exists elsewhere).
    const dagTeam = (await this.#store.teamOfDag(attempt.dagId)) ?? defaultTeam;
    const otherTeams = (team ?? defaultTeam) !== dagTeam;
    let refusal: string | null = null;
    if (otherTeams) {
      refusal = `${label} not found in team '${dagTeam}' of DAG '${attempt.dagId}'.`;
    } else if (queues !== null && !queues.some((pattern) => queueMatcher(pattern)(attempt.queue))) {
      refusal = `${label} may be read only by tasks on queues matching ${queues.join(", ")}; task '${attempt.taskId}' of DAG '${attempt.dagId}' runs on queue '${attempt.queue}'.`;
    } else if (!tokenCoversQueue(token, attempt.queue)) {
      refusal = `${label} is refused: worker token '${token.name}' may not serve queue '${attempt.queue}'.`;
    }
    await this.#store.recordEvent({
      when: this.#clock.now(),
      event: `task.${kind}_${refusal === null ? "read" : "refused"}`,
      owner: `worker:${reader.workerName}`,
      dagId: attempt.dagId,
      runId: attempt.runId,
      taskId: attempt.taskId,
      mapIndex: attempt.mapIndex,
      tryNumber: attempt.tryNumber,
      executionDate: null,
      extra: JSON.stringify({
        [kind === CredentialKind.connection ? "connection_id" : "variable_key"]: id,
        attempt_id: attempt.attemptId,
        queue: attempt.queue,
        token: token.name,
        ...(refusal === null ? {} : { reason: refusal }),
      }),
    });
    if (otherTeams) throw notFound(kind, id);
    if (refusal !== null) {
      throw new BordaError(ErrorCode.forbidden, refusal, { details: { kind, id } });
    }
  }

  #sealConnection(connection: ConnectionValue): StoredCredential {
    const secret: ConnectionSecret = {
      host: connection.host,
      port: connection.port,
      login: connection.login,
      password: connection.password,
      schema: connection.schema,
      extra: connection.extra,
    };
    return {
      kind: CredentialKind.connection,
      id: connection.connId,
      connType: connection.connType,
      description: connection.description,
      queues: connection.queues,
      team: connection.team ?? defaultTeam,
      sealed: this.#keys.seal(
        JSON.stringify(secret),
        sealedFor(CredentialKind.connection, connection.connId),
      ),
      updatedAt: this.#clock.now(),
    };
  }

  #openConnection(stored: StoredCredential): ConnectionValue {
    const secret = JSON.parse(
      this.#keys.open(stored.sealed, sealedFor(stored.kind, stored.id)),
    ) as ConnectionSecret;
    return {
      connId: stored.id,
      connType: stored.connType ?? "",
      description: stored.description,
      queues: stored.queues,
      ...teamUnlessDefault(stored.team),
      ...secret,
    };
  }

  #sealVariable(variable: VariableValue): StoredCredential {
    return {
      kind: CredentialKind.variable,
      id: variable.key,
      connType: null,
      description: variable.description,
      queues: variable.queues,
      team: variable.team ?? defaultTeam,
      sealed: this.#keys.seal(variable.value, sealedFor(CredentialKind.variable, variable.key)),
      updatedAt: this.#clock.now(),
    };
  }

  #openVariable(stored: StoredCredential): VariableValue {
    return {
      key: stored.id,
      value: this.#keys.open(stored.sealed, sealedFor(stored.kind, stored.id)),
      description: stored.description,
      queues: stored.queues,
      ...teamUnlessDefault(stored.team),
    };
  }
}

/**
 * A value's team as its readers see it: absent for `default`'s, so a single-team
 * install's values read exactly as they did before teams.
 */
const teamUnlessDefault = (team: string): { team?: string } =>
  team === defaultTeam ? {} : { team };

/** What a sealed value is bound to (GCM's additional data): it opens only in its own row. */
function sealedFor(kind: CredentialKind, id: string): string {
  return `${kind}:${id}`;
}

function notFound(kind: CredentialKind, id: string): BordaError {
  return new BordaError(
    ErrorCode.notFound,
    kind === CredentialKind.connection
      ? `Connection '${id}' not found; create it with POST /api/v1/connections or \`borda connections add\`.`
      : `Variable '${id}' not found; create it with POST /api/v1/variables or \`borda variables set\`.`,
  );
}

/**
 * A connection's extra for showing: the values of sensitive fields (`password`,
 * `api_key`, ...) at any depth read `***`, as Airflow's API shows them.
 */
export function redactedExtra(extra: string | null): string | null {
  if (extra === null) return null;
  const redact = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(redact);
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [
        name,
        isSensitiveName(name) && item !== null ? "***" : redact(item),
      ]),
    );
  };
  return JSON.stringify(redact(JSON.parse(extra)));
}
