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

  addSettingFlags(
    db
      .command("rotate-encryption-key")
      .description(
        "Re-encrypt every connection and variable with the first key of BORDA_ENCRYPTION_KEYS. To rotate: put the new key first and keep the old one after it (BORDA_ENCRYPTION_KEYS=new,old), run this, then drop the old key everywhere.",
      ),
    serverSettings,
    dbSettings,
  ).action(async (options: Record<string, unknown>) => {
    const config = resolveServerConfig(settingValues(options, serverSettings, dbSettings));
    const { openStore, Credentials, loadEncryptionKeys, systemClock } = await import(
      "@borda/server"
    );
    const keys = loadEncryptionKeys(config.home, config.encryptionKeys);
    const store = await openStore({ home: config.home, databaseUrl: config.databaseUrl });
    try {
      const credentials = new Credentials({ store, keys, clock: systemClock });
      process.stdout.write(
        `Re-encrypting the connections and variables in ${store.location} with key ${keys.currentKeyId}...\n`,
      );
      const { reencrypted, total } = await credentials.rotate();
      process.stdout.write(
        `Re-encrypted ${reencrypted} of ${total} values; the other ${total - reencrypted} already used key ${keys.currentKeyId}. Keys after the first in BORDA_ENCRYPTION_KEYS can now be removed.\n`,
      );
    } finally {
      await store.close();
    }
  });
}
