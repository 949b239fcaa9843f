import type { Command } from "commander";
import { ApiClient, ApiError, type ApiOptions, addApiOptions, apiPath } from "../apiClient.js";
import { addOutputOption, instant, outputFormat, printRows } from "../output.js";

/** A worker token as `/api/v1/edge/tokens` lists it: never its secret. */
interface ApiWorkerToken {
  id: string;
  name: string;
  team: string | null;
  queues: string[];
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/**
 * `borda tokens`: worker tokens, scoped to queue patterns and optionally a team, through
 * the REST API (`/api/v1/edge/tokens`, Admin only).
 */
export function registerTokenCommands(program: Command): void {
  const tokens = program
    .command("tokens")
    .description("Create, list and revoke worker tokens (each scoped to queue patterns).");

  addOutputOption(
    addApiOptions(
      tokens
        .command("create")
        .description("Create a worker token; it is printed once and stored only as a hash.")
        .requiredOption("--name <name>", "a name for the token, e.g. the team or site using it")
        .requiredOption(
          "--queues <patterns>",
          "comma-separated queues it may serve; '*' is a wildcard, e.g. 'team_a_*'",
        )
        .option("--team <team>", "the team the token belongs to"),
    ),
    "text",
  ).action(
    async (
      options: ApiOptions & { name: string; queues: string; team?: string; output?: string },
    ) => {
      const format = outputFormat(options, "text");
      const queues = options.queues
        .split(",")
        .map((q) => q.trim())
        .filter(Boolean);
      const created = await ApiClient.fromOptions(options).post<ApiWorkerToken & { token: string }>(
        "/edge/tokens",
        {
          name: options.name,
          queues,
          ...(options.team === undefined ? {} : { team: options.team }),
        },
      );
      if (format === "json") {
        process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `Created worker token '${created.name}' (id ${created.id}) for queues ${created.queues.join(", ")}.\n` +
          "Store it now (for example as BORDA_WORKER_TOKEN in a secret store); it is not shown again:\n\n" +
          `${created.token}\n`,
      );
    },
  );

  addOutputOption(
    addApiOptions(tokens.command("list").description("List worker tokens (never their secrets).")),
  ).action(async (options: ApiOptions & { output?: string }) => {
    const format = outputFormat(options);
    printRows(
      await ApiClient.fromOptions(options).getAll<"tokens", ApiWorkerToken>(
        "/edge/tokens",
        "tokens",
      ),
      [
        { header: "ID", value: (t) => t.id },
        { header: "NAME", value: (t) => t.name },
        { header: "TEAM", value: (t) => t.team },
        { header: "QUEUES", value: (t) => t.queues },
        { header: "CREATED", value: (t) => instant(t.created_at) },
        { header: "LAST USED", value: (t) => instant(t.last_used_at) },
        { header: "REVOKED", value: (t) => instant(t.revoked_at) },
      ],
      format,
    );
  });

  addApiOptions(
    tokens
      .command("revoke")
      .description("Revoke a token by id or name; workers using it are refused at once.")
      .argument("<token>", "the token's id or name"),
  ).action(async (idOrName: string, options: ApiOptions) => {
    try {
      await ApiClient.fromOptions(options).delete(apiPath`/edge/tokens/${idOrName}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        throw new Error(
          `No active worker token with id or name '${idOrName}'; \`borda tokens list\` lists them.`,
        );
      }
      throw error;
    }
    process.stdout.write(`Revoked worker token '${idOrName}'.\n`);
  });
}
