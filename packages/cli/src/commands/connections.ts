import type { ApiConnection, ConnectionBody } from "@borda/protocol";
import type { Command } from "commander";
import { ApiClient, ApiError, type ApiOptions, addApiOptions, apiPath } from "../apiClient.js";
import { addOutputOption, outputFormat, printFields, printRows } from "../output.js";
import {
  addConnectionFlags,
  type ConnectionFlags,
  connectionFromFlags,
} from "./connectionFlags.js";
import {
  connectionBody,
  exportedConnection,
  importedConnection,
  shownUri,
} from "./connectionFormats.js";
import {
  fetchEach,
  type ImportTally,
  parseQueues,
  queuesCell,
  queuesHelp,
  readableBy,
  readImportFile,
  reportImport,
  teamHelp,
  writeExport,
} from "./credentialCommands.js";

type ListedConnection = Omit<ApiConnection, "extra">;

const writeOnly =
  "Passwords are write-only: stored encrypted, handed only to the tasks that may read the connection, and never shown again by the CLI, the REST API or the UI (which say only whether one is set).";

/** `borda connections`: Airflow's connections on the control plane, through the REST API (Op). */
export function registerConnectionCommands(program: Command): void {
  const connections = program
    .command("connections")
    .description(
      "List, show, add, delete, test, import and export connections: what tasks read with ctx.connection() or Airflow's BaseHook.get_connection() (needs Op or Admin).",
    )
    .addHelpText(
      "after",
      `\n${writeOnly} A connection's extra is shown with its sensitive fields (password, secret, token, api_key, ...) as ***. --queues limits which tasks may read a connection. Files are Airflow's \`connections export\` JSON format.\n`,
    );

  addOutputOption(
    addApiOptions(
      connections
        .command("list")
        .description(
          "List the connections, with whether each has a password (never the password).",
        ),
    ),
  ).action(async (options: ApiOptions & { output?: string }) => {
    const format = outputFormat(options);
    printRows(
      await ApiClient.fromOptions(options).getAll<"connections", ListedConnection>(
        "/connections",
        "connections",
      ),
      [
        { header: "ID", value: (c) => c.connection_id },
        { header: "TYPE", value: (c) => c.conn_type },
        { header: "HOST", value: (c) => c.host },
        { header: "PORT", value: (c) => c.port },
        { header: "LOGIN", value: (c) => c.login },
        { header: "SCHEMA", value: (c) => c.schema },
        { header: "PASSWORD", value: (c) => (c.has_password ? "set" : null) },
        { header: "QUEUES", value: (c) => queuesCell(c.queues) },
        { header: "DESCRIPTION", value: (c) => c.description },
      ],
      format,
    );
  });

  addOutputOption(
    addApiOptions(
      connections
        .command("get")
        .description(
          "Show a connection: its fields and extra (sensitive fields as ***), and whether it has a password, which is never shown.",
        )
        .argument("<conn_id>"),
    ),
    "text",
  ).action(async (connId: string, options: ApiOptions & { output?: string }) => {
    const format = outputFormat(options, "text");
    const connection = await ApiClient.fromOptions(options).get<ApiConnection>(
      apiPath`/connections/${connId}`,
    );
    printFields(
      connection,
      [
        { label: "id", value: (c) => c.connection_id },
        { label: "type", value: (c) => c.conn_type },
        { label: "description", value: (c) => c.description },
        { label: "host", value: (c) => c.host },
        { label: "port", value: (c) => c.port },
        { label: "login", value: (c) => c.login },
        {
          label: "password",
          value: (c) => (c.has_password ? "set (write-only, never shown)" : null),
        },
        { label: "schema", value: (c) => c.schema },
        { label: "extra", value: (c) => c.extra },
        { label: "queues", value: (c) => queuesCell(c.queues) },
        { label: "uri", value: shownUri },
      ],
      format,
    );
  });

  addApiOptions(
    addConnectionFlags(
      connections
        .command("add")
        .description(
          "Add a connection, given as --conn-uri, as --conn-json, or field by field from --conn-type. Its password is write-only: it is never shown again.",
        )
        .argument("<conn_id>", "letters, digits, '_', '.' and '-'")
        .option("--queues <patterns>", `${queuesHelp}; default: every queue`)
        .option("--team <team>", teamHelp),
    ),
  ).action(
    async (
      connId: string,
      options: ApiOptions & ConnectionFlags & { queues?: string; team?: string },
    ) => {
      const connection = connectionFromFlags(connId, options);
      if (connection === null) {
        throw new Error("describe the connection: --conn-uri, --conn-json or --conn-type.");
      }
      const added = await ApiClient.fromOptions(options).post<ApiConnection>("/connections", {
        ...connectionBody(connection),
        ...(options.queues === undefined ? {} : { queues: parseQueues(options.queues) }),
        ...(options.team === undefined ? {} : { team: options.team }),
      });
      process.stdout.write(
        `Added connection '${added.connection_id}': ${shownUri(added)}${added.has_password ? " (with a password, never shown)" : ""}, readable by ${readableBy(added.queues)}.\n`,
      );
    },
  );

  addApiOptions(
    connections.command("delete").description("Delete a connection.").argument("<conn_id>"),
  ).action(async (connId: string, options: ApiOptions) => {
    await ApiClient.fromOptions(options).delete(apiPath`/connections/${connId}`);
    process.stdout.write(`Deleted connection '${connId}'.\n`);
  });

  addApiOptions(
    addConnectionFlags(
      connections
        .command("test")
        .description(
          "Test a stored connection, or the one the --conn-* flags describe (not stored): the control plane opens a TCP connection to its host and port. Off unless the server runs with BORDA_TEST_CONNECTION=true; a host only a worker's site reaches cannot be tested from the control plane. Exit code 1 when the test fails.",
        )
        .argument("<conn_id>"),
    ),
  ).action(async (connId: string, options: ApiOptions & ConnectionFlags) => {
    const client = ApiClient.fromOptions(options);
    const described = connectionFromFlags(connId, options);
    let body: Partial<ConnectionBody>;
    if (described !== null) {
      body = connectionBody(described);
    } else {
      // A TCP test needs no password, which the API would not answer anyway.
      const stored = await client.get<ApiConnection>(apiPath`/connections/${connId}`);
      body = {
        connection_id: connId,
        conn_type: stored.conn_type,
        host: stored.host,
        port: stored.port,
      };
    }
    const result = await client.post<{ status: boolean; message: string }>(
      "/connections/test",
      body,
    );
    process.stdout.write(
      `${result.status ? "Connection success!" : "Connection failed!"}\n${result.message}\n`,
    );
    if (!result.status) process.exitCode = 1;
  });

  addApiOptions(
    connections
      .command("import")
      .description(
        "Add the connections of a JSON file (Airflow's `connections export` format: conn_id -> {conn_type, host, login, password, schema, port, extra, description}, or conn_id -> URI; plus Borda's queues; '-' reads standard input). An existing connection is skipped unless --overwrite. A connection that fails is reported and the others are still imported; the exit code is then 1.",
      )
      .argument("<file>")
      .option(
        "--overwrite",
        "replace existing connections; a password or queues the file leaves out keep the stored ones, and *** in an extra keeps the stored field",
      ),
  ).action(async (file: string, options: ApiOptions & { overwrite?: boolean }) => {
    const entries = Object.entries(readImportFile(file));
    const client = ApiClient.fromOptions(options);
    const tally: ImportTally = { created: 0, updated: 0, skipped: 0, failed: 0 };
    for (const [connId, entry] of entries) {
      try {
        const { connection, queues } = importedConnection(connId, entry);
        const body = { ...connectionBody(connection), queues };
        try {
          await client.post<ApiConnection>("/connections", body);
          tally.created += 1;
          continue;
        } catch (error) {
          if (!(error instanceof ApiError && error.status === 409)) throw error;
        }
        if (!options.overwrite) {
          tally.skipped += 1;
          process.stderr.write(
            `Connection '${connId}' already exists; skipped (--overwrite replaces it).\n`,
          );
          continue;
        }
        await client.patch<ApiConnection>(apiPath`/connections/${connId}`, {
          ...body,
          password: connection.password ?? undefined,
        });
        tally.updated += 1;
      } catch (error) {
        tally.failed += 1;
        process.stderr.write(`Connection '${connId}' not imported: ${(error as Error).message}\n`);
      }
    }
    reportImport(file, "connections", tally, entries.length);
  });

  addApiOptions(
    connections
      .command("export")
      .description(
        "Write every connection to a JSON file ('-': standard output) in Airflow's `connections export` format, with Borda's queues where set. Passwords are not in it: the API never answers them (stderr names the connections that have one). Sensitive fields of extras are written as ***.",
      )
      .argument("<file>"),
  ).action(async (file: string, options: ApiOptions) => {
    const client = ApiClient.fromOptions(options);
    const listed = await client.getAll<"connections", ListedConnection>(
      "/connections",
      "connections",
    );
    const fetched = await fetchEach(
      listed.map((c) => c.connection_id),
      (connId) => client.get<ApiConnection>(apiPath`/connections/${connId}`),
      "connections",
    );
    writeExport(
      file,
      Object.fromEntries(fetched.map((c) => [c.connection_id, exportedConnection(c)])),
      "connections",
    );
    const withPassword = fetched.filter((c) => c.has_password).map((c) => c.connection_id);
    if (withPassword.length > 0) {
      process.stderr.write(
        `Passwords are write-only, so the file has none. These connections have one: ${withPassword.join(", ")}. Add "password" to their entries before importing the file elsewhere (importing it here with --overwrite keeps the stored passwords).\n`,
      );
    }
    const redacted = fetched.filter((c) => c.extra?.includes('"***"')).map((c) => c.connection_id);
    if (redacted.length > 0) {
      process.stderr.write(
        `Sensitive fields of extra are written as ***, in: ${redacted.join(", ")}. Importing with --overwrite keeps the stored values; elsewhere, fill them in first.\n`,
      );
    }
  });
}
