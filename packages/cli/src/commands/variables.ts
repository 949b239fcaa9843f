import type { ApiVariable } from "@borda/protocol";
import type { Command } from "commander";
import { ApiClient, ApiError, type ApiOptions, addApiOptions, apiPath } from "../apiClient.js";
import { addOutputOption, outputFormat, printRows } from "../output.js";
import {
  fetchEach,
  type ImportTally,
  moveTeamHelp,
  parseQueues,
  queuesCell,
  queuesHelp,
  readableBy,
  readImportFile,
  reportImport,
  writeExport,
} from "./credentialCommands.js";

type ListedVariable = Omit<ApiVariable, "value">;

/**
 * A variable's value as Airflow's `variables import` stores it: a string as it is, any
 * other JSON value as JSON text.
 */
function storedValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A value as Airflow's `variables export` writes it: as JSON when it parses as JSON. */
function exportedValue(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * Creates the variable, or changes it if it exists (POST, then PATCH on 409): `fields`
 * holds what to change besides the value. Answers whether it was created.
 */
async function setVariable(
  client: ApiClient,
  key: string,
  value: string,
  fields: { description?: string; queues?: string[] | null; team?: string } = {},
): Promise<{ variable: ApiVariable; created: boolean }> {
  try {
    const variable = await client.post<ApiVariable>("/variables", { key, value, ...fields });
    return { variable, created: true };
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) throw error;
  }
  const mask = ["value", ...Object.keys(fields)].join(",");
  const variable = await client.patch<ApiVariable>(apiPath`/variables/${key}?update_mask=${mask}`, {
    value,
    ...fields,
  });
  return { variable, created: false };
}

/** `borda variables`: Airflow's variables on the control plane, through the REST API (Op). */
export function registerVariableCommands(program: Command): void {
  const variables = program
    .command("variables")
    .description(
      "List, read, set, delete, import and export variables: values tasks read with ctx.variable() or Airflow's Variable.get() (needs Op or Admin).",
    )
    .addHelpText(
      "after",
      "\nValues are stored encrypted. --queues limits which tasks may read a variable; a task outside its queues fails with an error naming it. Files are Airflow's `variables export` format: one JSON object of key -> value.\n",
    );

  addOutputOption(
    addApiOptions(
      variables
        .command("list")
        .description("List the variables: keys, scopes and descriptions, not values (as Airflow)."),
    ),
  ).action(async (options: ApiOptions & { output?: string }) => {
    const format = outputFormat(options);
    printRows(
      await ApiClient.fromOptions(options).getAll<"variables", ListedVariable>(
        "/variables",
        "variables",
      ),
      [
        { header: "KEY", value: (v) => v.key },
        { header: "QUEUES", value: (v) => queuesCell(v.queues) },
        { header: "DESCRIPTION", value: (v) => v.description },
      ],
      format,
    );
  });

  addApiOptions(
    variables
      .command("get")
      .description("Print a variable's value.")
      .argument("<key>")
      .option("-j, --json", "parse the value as JSON and print it indented")
      .option("-d, --default <value>", "print this when the variable does not exist"),
  ).action(async (key: string, options: ApiOptions & { json?: boolean; default?: string }) => {
    let value: string;
    try {
      value = (await ApiClient.fromOptions(options).get<ApiVariable>(apiPath`/variables/${key}`))
        .value;
    } catch (error) {
      if (!(options.default !== undefined && error instanceof ApiError && error.status === 404)) {
        throw error;
      }
      process.stdout.write(`${options.default}\n`);
      return;
    }
    if (options.json) {
      try {
        value = JSON.stringify(JSON.parse(value), null, 2);
      } catch (error) {
        throw new Error(`variable '${key}' is not JSON (${(error as Error).message}).`, {
          cause: error,
        });
      }
    }
    process.stdout.write(`${value}\n`);
  });

  addApiOptions(
    variables
      .command("set")
      .description(
        "Create a variable, or change the value of an existing one (and its description and queues, when given).",
      )
      .argument("<key>", "letters, digits, '_', '.' and '-'")
      .argument("<value>")
      .option("--description <text>", "what the variable is for")
      .option(
        "--queues <patterns>",
        `${queuesHelp}; default: every queue for a new variable, unchanged for an existing one`,
      )
      .option("--all-queues", "let every queue read it (undoes --queues)")
      .option("--team <team>", moveTeamHelp)
      .option("-j, --json", "the value must be JSON; it is stored as compact JSON text"),
  ).action(
    async (
      key: string,
      valueText: string,
      options: ApiOptions & {
        description?: string;
        queues?: string;
        allQueues?: boolean;
        team?: string;
        json?: boolean;
      },
    ) => {
      if (options.queues !== undefined && options.allQueues) {
        throw new Error("give --queues or --all-queues, not both.");
      }
      let value = valueText;
      if (options.json) {
        try {
          value = storedValue(JSON.parse(valueText));
        } catch (error) {
          throw new Error(`--json: the value is not JSON (${(error as Error).message}).`, {
            cause: error,
          });
        }
      }
      const { variable, created } = await setVariable(ApiClient.fromOptions(options), key, value, {
        ...(options.description === undefined ? {} : { description: options.description }),
        ...(options.queues === undefined ? {} : { queues: parseQueues(options.queues) }),
        ...(options.allQueues ? { queues: null } : {}),
        ...(options.team === undefined ? {} : { team: options.team }),
      });
      process.stdout.write(
        `${created ? "Created" : "Updated"} variable '${variable.key}', readable by ${readableBy(variable.queues)}.\n`,
      );
    },
  );

  addApiOptions(
    variables.command("delete").description("Delete a variable.").argument("<key>"),
  ).action(async (key: string, options: ApiOptions) => {
    await ApiClient.fromOptions(options).delete(apiPath`/variables/${key}`);
    process.stdout.write(`Deleted variable '${key}'.\n`);
  });

  addApiOptions(
    variables
      .command("import")
      .description(
        "Create or update variables from a JSON file of key -> value (Airflow's `variables export` format; '-' reads standard input). A value that is not a string is stored as JSON text. Existing variables get the new value and keep their description and queues. A key that fails is reported and the others are still imported; the exit code is then 1.",
      )
      .argument("<file>"),
  ).action(async (file: string, options: ApiOptions) => {
    const entries = Object.entries(readImportFile(file));
    const client = ApiClient.fromOptions(options);
    const tally: ImportTally = { created: 0, updated: 0, skipped: 0, failed: 0 };
    for (const [key, value] of entries) {
      try {
        const { created } = await setVariable(client, key, storedValue(value));
        tally[created ? "created" : "updated"] += 1;
      } catch (error) {
        tally.failed += 1;
        process.stderr.write(`Variable '${key}' not imported: ${(error as Error).message}\n`);
      }
    }
    reportImport(file, "variables", tally, entries.length);
  });

  addApiOptions(
    variables
      .command("export")
      .description(
        "Write every variable to a JSON file of key -> value ('-': standard output), as Airflow's `variables export` does: a value that parses as JSON is written as JSON. The file holds the values in clear; a new file is readable by its owner only.",
      )
      .argument("<file>"),
  ).action(async (file: string, options: ApiOptions) => {
    const client = ApiClient.fromOptions(options);
    const listed = await client.getAll<"variables", ListedVariable>("/variables", "variables");
    const fetched = await fetchEach(
      listed.map((v) => v.key),
      (key) => client.get<ApiVariable>(apiPath`/variables/${key}`),
      "variables",
    );
    writeExport(
      file,
      Object.fromEntries(fetched.map((v) => [v.key, exportedValue(v.value)])),
      "variables",
    );
  });
}
