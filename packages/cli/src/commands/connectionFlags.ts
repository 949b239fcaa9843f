import { parseConnection, type TaskConnection } from "@borda/protocol";
import type { Command } from "commander";

/**
 * The `--conn-*` flags of `borda connections add` and `test`, and the connection they
 * describe: whole (a URI or JSON, Airflow's two formats) or field by field.
 */

/** The `--conn-*` flags of `add` and `test`, as commander names them. */
export interface ConnectionFlags {
  connUri?: string;
  connJson?: string;
  connType?: string;
  connHost?: string;
  connLogin?: string;
  connPassword?: string;
  connSchema?: string;
  connPort?: string;
  connExtra?: string;
  connDescription?: string;
}

/** The flags that describe a connection field by field; --conn-uri and --conn-json exclude them. */
const fieldFlags = [
  ["connType", "--conn-type"],
  ["connHost", "--conn-host"],
  ["connLogin", "--conn-login"],
  ["connPassword", "--conn-password"],
  ["connSchema", "--conn-schema"],
  ["connPort", "--conn-port"],
] as const;

export function addConnectionFlags(command: Command): Command {
  return command
    .option(
      "--conn-uri <uri>",
      "the whole connection as a URI, Airflow's format: type://login:password@host:port/schema?extra_field=value",
    )
    .option(
      "--conn-json <json>",
      'the whole connection as JSON: {"conn_type": "postgres", "host": "...", "login": "...", "password": "...", "port": 5432, "schema": "...", "extra": {...}}',
    )
    .option("--conn-type <type>", "its type, e.g. postgres, mysql, http (instead of a URI or JSON)")
    .option("--conn-host <host>", "its host")
    .option("--conn-login <login>", "its login (user name)")
    .option(
      "--conn-password <password>",
      "its password: write-only, never shown again. The shell's history and `ps` show a flag's value; `borda connections import <file>` keeps it out of both",
    )
    .option("--conn-schema <schema>", "its schema (database)")
    .option("--conn-port <port>", "its port")
    .option(
      "--conn-extra <json>",
      'its extra fields, a JSON object such as \'{"sslmode": "require"}\' (with --conn-uri, instead of the URI\'s query)',
    )
    .option("--conn-description <text>", "what the connection is for");
}

/**
 * The connection the flags describe, by Airflow's rules: a URI or JSON holds the whole
 * connection (a URI may take --conn-extra), else --conn-type and the other fields. Null
 * when no flag describes one. Errors never repeat a URI or JSON, which may hold a password.
 */
export function connectionFromFlags(connId: string, flags: ConnectionFlags): TaskConnection | null {
  const fields = fieldFlags.filter(([name]) => flags[name] !== undefined).map(([, flag]) => flag);
  if (flags.connUri !== undefined && flags.connJson !== undefined) {
    throw new Error("give --conn-uri or --conn-json, not both.");
  }
  let connection: TaskConnection;
  if (flags.connUri !== undefined || flags.connJson !== undefined) {
    const whole = flags.connUri !== undefined ? "--conn-uri" : "--conn-json";
    const clashing =
      whole === "--conn-json" && flags.connExtra !== undefined
        ? [...fields, "--conn-extra"]
        : fields;
    if (clashing.length > 0) {
      throw new Error(`${whole} holds the whole connection: drop ${clashing.join(", ")}.`);
    }
    connection = parseConnection(
      connId,
      wholeConnection(whole, flags.connUri ?? flags.connJson ?? ""),
    );
  } else if (flags.connType !== undefined) {
    connection = parseConnection(
      connId,
      JSON.stringify({
        conn_type: flags.connType,
        host: flags.connHost,
        login: flags.connLogin,
        password: flags.connPassword,
        schema: flags.connSchema,
        port: flags.connPort,
      }),
    );
  } else if (fields.length > 0 || flags.connExtra !== undefined) {
    throw new Error("give --conn-type with the other --conn-* flags (or a --conn-uri instead).");
  } else if (flags.connDescription !== undefined) {
    throw new Error("describe the connection: --conn-uri, --conn-json or --conn-type.");
  } else {
    return null;
  }
  return {
    ...connection,
    ...(flags.connExtra === undefined ? {} : { extra: extraFlag(flags.connExtra) }),
    ...(flags.connDescription === undefined ? {} : { description: flags.connDescription }),
  };
}

/** A --conn-uri or --conn-json, checked to be what its flag says before parsing. */
function wholeConnection(flag: "--conn-uri" | "--conn-json", text: string): string {
  const trimmed = text.trim();
  if (flag === "--conn-json" && !trimmed.startsWith("{")) {
    throw new Error('--conn-json must be a JSON object, e.g. {"conn_type": "postgres", ...}.');
  }
  if (flag === "--conn-uri" && !/^[A-Za-z][A-Za-z0-9+.-]*:\/\/./.test(trimmed)) {
    throw new Error(
      "--conn-uri must be a URI such as postgres://login:password@host:5432/schema (percent-encode special characters in the login and password).",
    );
  }
  return trimmed;
}

function extraFlag(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error('--conn-extra must be a JSON object, e.g. \'{"sslmode": "require"}\'.');
  }
  return text;
}
