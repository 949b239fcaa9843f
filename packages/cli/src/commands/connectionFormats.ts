import {
  type ApiConnection,
  type ConnectionBody,
  connectionUri,
  parseConnection,
  type TaskConnection,
} from "@borda/protocol";

/**
 * A connection in the shapes the CLI moves it between: the REST API's body and answer,
 * Airflow's `connections export` file entries, and a URI to show.
 */

export function connectionBody(connection: TaskConnection): ConnectionBody {
  return {
    connection_id: connection.connId,
    conn_type: connection.connType,
    description: connection.description,
    host: connection.host,
    login: connection.login,
    schema: connection.schema,
    port: connection.port,
    password: connection.password,
    extra: connection.extra,
  };
}

/** A connection as a URI without its password, its extra's sensitive fields as `***`. */
export function shownUri(connection: ApiConnection): string {
  return connectionUri({
    connId: connection.connection_id,
    connType: connection.conn_type,
    description: connection.description,
    host: connection.host,
    port: connection.port,
    login: connection.login,
    password: null,
    schema: connection.schema,
    extra: connection.extra,
  });
}

/**
 * One entry of an import file: Airflow's export object (`conn_type`, `host`, ...; `extra`
 * as text or an object), or a URI, and Borda's `queues`. Absent `queues` answers
 * undefined, so that replacing a connection never widens who may read it.
 */
export function importedConnection(
  connId: string,
  entry: unknown,
): { connection: TaskConnection; queues: string[] | null | undefined } {
  if (typeof entry === "string")
    return { connection: parseConnection(connId, entry), queues: undefined };
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    throw new Error("it must be an object (conn_type, host, login, ...) or a URI.");
  }
  const { queues, ...fields } = entry as Record<string, unknown>;
  if (
    queues !== undefined &&
    queues !== null &&
    !(Array.isArray(queues) && queues.every((queue) => typeof queue === "string"))
  ) {
    throw new Error("its queues must be a list of queue patterns, or null for every queue.");
  }
  return {
    connection: parseConnection(connId, JSON.stringify(fields)),
    queues: queues as string[] | null | undefined,
  };
}

/** A connection as Airflow's `connections export` writes it, without the password it never has here. */
export function exportedConnection(connection: ApiConnection): Record<string, unknown> {
  return {
    conn_type: connection.conn_type,
    description: connection.description,
    login: connection.login,
    host: connection.host,
    port: connection.port,
    schema: connection.schema,
    extra: connection.extra,
    ...(connection.queues === null ? {} : { queues: connection.queues }),
  };
}
