import type { ApiToken, CreatedApiToken } from "@borda/protocol";
import type { Command } from "commander";
import { ApiClient, ApiError, type ApiOptions, addApiOptions, apiPath } from "../apiClient.js";
import { addOutputOption, instant, outputFormat, printRows } from "../output.js";

/**
 * `borda api-tokens`: tokens with which scripts use the REST API as you, with your role
 * (`/api/v1/auth/tokens`). Any user manages their own; an Admin also lists and revokes
 * anyone's.
 */
export function registerApiTokenCommands(program: Command): void {
  const apiTokens = program
    .command("api-tokens")
    .description(
      "Create, list and revoke API tokens: scripts send one (--token or BORDA_API_TOKEN) instead of a password.",
    );

  addOutputOption(
    addApiOptions(
      apiTokens
        .command("create")
        .description(
          "Create an API token for yourself; it is printed once and stored only as a hash. Sign in with your password (--user), not with another token.",
        )
        .argument("<name>", "what the token is for, e.g. the script or machine using it")
        .option("--expires-in-days <days>", "days until it stops working (default: never)"),
    ),
    "text",
  ).action(
    async (name: string, options: ApiOptions & { expiresInDays?: string; output?: string }) => {
      const format = outputFormat(options, "text");
      const days = options.expiresInDays === undefined ? undefined : Number(options.expiresInDays);
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) {
        throw new Error(
          `--expires-in-days must be a whole number from 1 to 3650, not '${options.expiresInDays}'.`,
        );
      }
      const created = await ApiClient.fromOptions(options).post<CreatedApiToken>("/auth/tokens", {
        name,
        ...(days === undefined ? {} : { expires_in_days: days }),
      });
      if (format === "json") {
        process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
        return;
      }
      const expiry = created.expires_at
        ? `expires ${created.expires_at}`
        : "does not expire; revoke it when no longer needed";
      process.stdout.write(
        `Created API token '${created.name}' (id ${created.id}) for user '${created.username}'; it ${expiry}.\n` +
          "Store it now (for example as BORDA_API_TOKEN in a secret store); it is not shown again:\n\n" +
          `${created.token}\n`,
      );
    },
  );

  addOutputOption(
    addApiOptions(
      apiTokens
        .command("list")
        .description("List your API tokens (never their secrets), revoked and expired ones too.")
        .option("--owner <username>", "list another user's tokens instead (needs Admin)"),
    ),
  ).action(async (options: ApiOptions & { owner?: string; output?: string }) => {
    const format = outputFormat(options);
    printRows(
      await ApiClient.fromOptions(options).getAll<"tokens", ApiToken>("/auth/tokens", "tokens", {
        username: options.owner,
      }),
      [
        { header: "ID", value: (t) => t.id },
        { header: "NAME", value: (t) => t.name },
        { header: "USER", value: (t) => t.username },
        { header: "CREATED", value: (t) => instant(t.created_at) },
        { header: "EXPIRES", value: (t) => instant(t.expires_at) },
        { header: "LAST USED", value: (t) => instant(t.last_used_at) },
        { header: "REVOKED", value: (t) => instant(t.revoked_at) },
      ],
      format,
    );
  });

  addApiOptions(
    apiTokens
      .command("revoke")
      .description(
        "Revoke an API token by id (yours; an Admin's, anyone's); it is refused at once.",
      )
      .argument("<id>", "the token's id, as `borda api-tokens list` shows it"),
  ).action(async (id: string, options: ApiOptions) => {
    try {
      await ApiClient.fromOptions(options).delete(apiPath`/auth/tokens/${id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        throw new Error(
          `No active API token with id '${id}'; \`borda api-tokens list\` lists them.`,
        );
      }
      throw error;
    }
    process.stdout.write(`Revoked API token '${id}'.\n`);
  });
}
