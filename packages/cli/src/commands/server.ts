import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolveServerConfig, type SettingName, serverSettings } from "@borda/server/config";
import type { Command } from "commander";
import { addSettingFlags, settingValues } from "./settingFlags.js";

const controlPlaneSettings = Object.keys(serverSettings) as SettingName[];

/** The example DAGs shipped in the repository, used by `standalone` when there is no DAGs folder. */
const examplesFolder = fileURLToPath(new URL("../../../../examples/dags", import.meta.url));

export function registerServerCommands(program: Command): void {
  addSettingFlags(
    program
      .command("server")
      .description("Run the control plane: DAG processor, scheduler and metadata store."),
    serverSettings,
    controlPlaneSettings,
  ).action(async (options: Record<string, unknown>) => {
    await runUntilSignal(
      resolveServerConfig(settingValues(options, serverSettings, controlPlaneSettings)),
    );
  });

  addSettingFlags(
    program
      .command("standalone")
      .description(
        "Run Borda on one machine with zero set-up: the control plane on the embedded database, reading ./dags (or the bundled example DAGs when there is none).",
      ),
    serverSettings,
    controlPlaneSettings,
  ).action(async (options: Record<string, unknown>) => {
    const flags = settingValues(options, serverSettings, controlPlaneSettings);
    const config = resolveServerConfig(flags);
    const dagsChosen = flags.dagsFolder !== undefined || process.env[serverSettings.dagsFolder.env];
    if (!dagsChosen && !existsSync(config.dagsFolder) && existsSync(examplesFolder)) {
      config.dagsFolder = examplesFolder;
    }
    await runUntilSignal(config);
  });
}

/** Starts the control plane and stops it cleanly on SIGTERM or SIGINT. */
async function runUntilSignal(config: ReturnType<typeof resolveServerConfig>): Promise<void> {
  const { startControlPlane } = await import("@borda/server");
  const controlPlane = await startControlPlane(config);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      controlPlane.logger.info({ signal }, "stopping");
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      void controlPlane.stop().then(resolve);
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
}
