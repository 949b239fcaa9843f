import { resolveServerConfig, type SettingName, serverSettings } from "@borda/server/config";
import type { Command } from "commander";
import { addSettingFlags, settingValues } from "./settingFlags.js";

const dbSettings: SettingName[] = ["home", "databaseUrl"];

export function registerDbCommands(program: Command): void {
  const db = program.command("db").description("Manage the metadata database.");
  addSettingFlags(
    db
      .command("migrate")
      .description("Apply pending schema migrations (the server also does this at start-up)."),
    serverSettings,
    dbSettings,
  ).action(async (options: Record<string, unknown>) => {
    const config = resolveServerConfig(settingValues(options, serverSettings, dbSettings));
    const { openStore } = await import("@borda/server");
    const store = await openStore({ home: config.home, databaseUrl: config.databaseUrl });
    process.stdout.write(`Database at ${store.location} is up to date.\n`);
    await store.close();
  });
}
