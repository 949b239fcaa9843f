import type { TaskConnection } from "./edge.js";
import { BordaError, ErrorCode } from "./errors.js";

/**
 * What the worker, the control plane and the CLI agree on about secrets: which names are
 * sensitive (Airflow's masker's list), and the two ways Airflow writes a connection as
 * text, a URI and a JSON object (`AIRFLOW_CONN_<ID>`, `airflow connections add --conn-uri`).
 */

/**
 * A variable, or a field of a connection's extra, whose name holds one of these is
 * sensitive: its value is masked in logs and shown as `***` (Airflow's defaults).
 */
const sensitiveNameParts = [
  "access_token",
  "api_key",
  "apikey",
  "authorization",
  "passphrase",
  "passwd",
  "password",
  "private_key",
  "secret",
  "token",
  "keyfile_dict",
  "service_account",
] as const;

export function isSensitiveName(name: string): boolean {
  const lower = name.toLowerCase();
  return sensitiveNameParts.some((part) => lower.includes(part));
}

/** The query key that carries an extra which is not flat strings, as JSON (Airflow's). */
const extraKey = "__extra__";

/**
 * A connection as a URI: `type://login:password@host:port/schema?extra`, each part
 * percent-encoded, `_` in the type written `-`. An extra of flat strings becomes the
 * query; any other extra travels whole as `__extra__=<json>`.
 */
export function connectionUri(connection: TaskConnection): string {
  const encode = encodeURIComponent;
  let uri = `${connection.connType.toLowerCase().replaceAll("_", "-")}://`;
  if (connection.login !== null || connection.password !== null) {
    uri += encode(connection.login ?? "");
    if (connection.password !== null) uri += `:${encode(connection.password)}`;
    uri += "@";
  }
  if (connection.host !== null) uri += encode(connection.host);
  if (connection.port !== null) uri += `:${connection.port}`;
  if (connection.schema !== null) uri += `/${encode(connection.schema)}`;
  if (connection.extra !== null) {
    const extra = JSON.parse(connection.extra) as Record<string, unknown>;
    const flat = Object.values(extra).every((value) => typeof value === "string");
    const query = flat
      ? new URLSearchParams(extra as Record<string, string>)
      : new URLSearchParams({ [extraKey]: connection.extra });
    if (Object.keys(extra).length > 0) uri += `${connection.schema === null ? "/" : ""}?${query}`;
  }
  return uri;
}

/**
 * Reads a connection written as a URI or as a JSON object (`{"conn_type": "postgres",
 * "host": ..., "extra": {...}}`), as Airflow reads `AIRFLOW_CONN_<ID>`. Throws an
 * `invalid_input` error that names the connection and what is wrong.
 */
export function parseConnection(connId: string, text: string): TaskConnection {
  const trimmed = text.trim();
  return trimmed.startsWith("{")
    ? connectionFromJson(connId, trimmed)
    : connectionFromUri(connId, trimmed);
}

function connectionFromUri(connId: string, text: string): TaskConnection {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(connId, "is neither a URI (type://login:password@host:port/schema) nor JSON");
  }
  const decode = (part: string) => (part === "" ? null : decodeURIComponent(part));
  const query = [...url.searchParams];
  const packed = url.searchParams.get(extraKey);
  let extra: string | null = null;
  if (packed !== null) extra = requireObjectJson(connId, packed);
  else if (query.length > 0) extra = JSON.stringify(Object.fromEntries(query));
  const connType = url.protocol.slice(0, -1).replaceAll("-", "_");
  return {
    connId,
    connType: connType === "postgresql" ? "postgres" : connType,
    description: null,
    host: decode(url.hostname),
    port: explicitPort(text),
    login: decode(url.username),
    password: decode(url.password),
    schema: decode(url.pathname.replace(/^\//, "")),
    extra,
  };
}

/**
 * The port a URI writes, even the scheme's default one, which URL leaves out for
 * `http://host:80` and the like (a connection keeps the port it was given).
 */
function explicitPort(uri: string): number | null {
  const port = /^[^:]+:\/\/(?:[^@/?#]*@)?(?:\[[^\]]*\]|[^:/?#]*):(\d+)/.exec(uri)?.[1];
  return port === undefined ? null : Number(port);
}

function connectionFromJson(connId: string, text: string): TaskConnection {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    // Only the position: V8's message quotes the text around it, which may be a password.
    const at = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw invalid(
      connId,
      `is not valid JSON${at === undefined ? "" : ` (at character ${Number(at) + 1})`}`,
    );
  }
  const field = (name: string): string | null => {
    const item = value[name];
    if (item === undefined || item === null) return null;
    if (typeof item !== "string") throw invalid(connId, `has a ${name} that is not a string`);
    return item;
  };
  const connType = field("conn_type");
  if (connType === null) throw invalid(connId, 'has no "conn_type"');
  const port = value.port;
  if (port !== undefined && port !== null && !Number.isInteger(Number(port))) {
    throw invalid(connId, "has a port that is not a whole number");
  }
  const extra = value.extra;
  let extraText: string | null = null;
  if (typeof extra === "string") extraText = requireObjectJson(connId, extra);
  else if (typeof extra === "object" && extra !== null && !Array.isArray(extra))
    extraText = JSON.stringify(extra);
  else if (extra !== undefined && extra !== null)
    throw invalid(connId, "has an extra that is not an object");
  return {
    connId,
    connType,
    description: field("description"),
    host: field("host"),
    port: port === undefined || port === null ? null : Number(port),
    login: field("login"),
    password: field("password"),
    schema: field("schema"),
    extra: extraText,
  };
}

function requireObjectJson(connId: string, text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(connId, "has an extra that is not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(connId, "has an extra that is not a JSON object");
  }
  return text;
}

function invalid(connId: string, problem: string): BordaError {
  return new BordaError(ErrorCode.invalidInput, `Connection '${connId}' ${problem}.`);
}
