import type { Store } from "@borda/server";
import { resolveServerConfig, type SettingName, serverSettings } from "@borda/server/config";
import type { Command } from "commander";
import { addOutputOption, outputFormat, printRows } from "../output.js";
import { addSettingFlags, settingValues } from "./settingFlags.js";

const storeSettings: SettingName[] = ["home", "databaseUrl"];

/**
 * `borda tokens`: worker tokens, scoped to queue patterns and optionally a team. Run
 * where the server's BORDA_HOME (or BORDA_DATABASE_URL and BORDA_SECRET_KEY) is.
 */
export function registerTokenCommands(program: Command): void {
  const tokens = program
    .command("tokens")
    .description("Create, list and revoke worker tokens (each scoped to queue patterns).");

  addSettingFlags(
    tokens
      .command("create")
      .description("Create a worker token; it is printed once and stored only as a hash.")
      .requiredOption("--name <name>", "a name for the token, e.g. the team or site using it")
      .requiredOption(
        "--queues <patterns>",
        "comma-separated queues it may serve; '*' is a wildcard, e.g. 'team_a_*'",
      )
      .option("--team <team>", "the team the token belongs to"),
    serverSettings,
    storeSettings,
  )
    .option("-o, --output <format>", "text or json", "text")
    .action(async (options: Record<string, string>) => {
      await withStore(options, async (store, secretKey) => {
        const queues =
          options.queues
            ?.split(",")
            .map((q) => q.trim())
            .filter(Boolean) ?? [];
        const { createWorkerToken } = await import("@borda/server");
        const { token, record } = await createWorkerToken(
          store,
          secretKey,
          { name: options.name ?? "", team: options.team ?? null, queues },
          new Date(),
        );
        if (options.output === "json") {
          process.stdout.write(`${JSON.stringify({ ...record, token }, null, 2)}\n`);
          return;
        }
        process.stdout.write(
          `Created worker token '${record.name}' (id ${record.id}) for queues ${record.queues.join(", ")}.\n` +
            "Store it now (for example as BORDA_WORKER_TOKEN in a secret store); it is not shown again:\n\n" +
            `${token}\n`,
        );
      });
    });

  addOutputOption(
    addSettingFlags(
      tokens.command("list").description("List worker tokens (never their secrets)."),
      serverSettings,
      storeSettings,
    ),
  ).action(async (options: Record<string, string>) => {
    const format = outputFormat(options);
    await withStore(options, async (store) => {
      printRows(
        await store.listWorkerTokens(),
        [
          { header: "ID", value: (t) => t.id },
          { header: "NAME", value: (t) => t.name },
          { header: "TEAM", value: (t) => t.team },
          { header: "QUEUES", value: (t) => t.queues },
          { header: "CREATED", value: (t) => t.createdAt },
          { header: "LAST USED", value: (t) => t.lastUsedAt },
          { header: "REVOKED", value: (t) => t.revokedAt },
        ],
        format,
      );
    });
  });

  addSettingFlags(
    tokens
      .command("revoke")
      .description("Revoke a token by id or name; workers using it are refused at once.")
      .argument("<token>", "the token's id or name"),
    serverSettings,
    storeSettings,
  ).action(async (idOrName: string, options: Record<string, string>) => {
    await withStore(options, async (store) => {
      const revoked = await store.revokeWorkerToken(idOrName, new Date());
      if (revoked.length === 0)
        throw new Error(`No active worker token with id or name '${idOrName}'.`);
      process.stdout.write(`Revoked ${revoked.join(", ")}.\n`);
    });
  });
}

async function withStore(
  options: Record<string, unknown>,
  work: (store: Store, secretKey: Buffer) => Promise<void>,
): Promise<void> {
  const config = resolveServerConfig(settingValues(options, serverSettings, storeSettings));
  const { loadSecretKey, openStore } = await import("@borda/server");
  const store = await openStore({ home: config.home, databaseUrl: config.databaseUrl });
  try {
    await work(store, loadSecretKey(config.home, config.secretKey));
  } finally {
    await store.close();
  }
}
