import { type Command, InvalidArgumentError } from "commander";
import { ApiClient, ApiError, type ApiOptions, addApiOptions, apiPath } from "../apiClient.js";
import { addOutputOption, instant, outputFormat, printRows } from "../output.js";

/** A worker token as `/api/v1/edge/tokens` lists it: never its secret. */
interface ApiWorkerToken {
  id: string;
  name: string;
  team: string | null;
  queues: string[];
  worker_timeout: number | null;
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
        .option("--team <team>", "the team the token belongs to")
        .option(
          "--worker-timeout <duration>",
          "how long its workers may be silent (a partition, a flaky link) before their running tasks are given up and retried elsewhere, e.g. 90s, 10m, 2h; default the server's --worker-timeout",
          parseDuration,
        ),
    ),
    "text",
  ).action(
    async (
      options: ApiOptions & {
        name: string;
        queues: string;
        team?: string;
        workerTimeout?: number;
        output?: string;
      },
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
          ...(options.workerTimeout === undefined ? {} : { worker_timeout: options.workerTimeout }),
        },
      );
      if (format === "json") {
        process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `Created worker token '${created.name}' (id ${created.id}) for queues ${created.queues.join(", ")}` +
          (created.worker_timeout === null
            ? ".\n"
            : `; its workers may be silent for ${created.worker_timeout} s.\n`) +
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
        {
          header: "WORKER TIMEOUT",
          value: (t) => (t.worker_timeout === null ? "default" : `${t.worker_timeout}s`),
        },
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

/** Seconds in `90`, `90s`, `10m` or `2h`, for commander; anything else is refused with an example. */
export function parseDuration(text: string): number {
  const match = /^(\d+)\s*(s|m|h)?$/.exec(text.trim());
  const unit = { s: 1, m: 60, h: 3600 }[match?.[2] ?? "s"] ?? 1;
  const seconds = match ? Number(match[1]) * unit : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new InvalidArgumentError("give a duration such as 90s, 10m or 2h.");
  }
  return seconds;
}
