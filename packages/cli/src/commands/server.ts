import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ControlPlane } from "@borda/server";
import {
  resolveServerConfig,
  type ServerConfig,
  type SettingName,
  serverSettings,
} from "@borda/server/config";
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
        "Run Borda on one machine with zero set-up: the control plane on the embedded database and one local worker serving every queue, reading ./dags (or the bundled example DAGs when there is none). Listens on 127.0.0.1 unless --host says otherwise.",
      ),
    serverSettings,
    controlPlaneSettings,
  ).action(async (options: Record<string, unknown>) => {
    const flags = settingValues(options, serverSettings, controlPlaneSettings);
    const config = resolveServerConfig(flags);
    const chosen = (name: SettingName) =>
      flags[name] !== undefined || Boolean(process.env[serverSettings[name].env]);
    if (!chosen("dagsFolder") && !existsSync(config.dagsFolder) && existsSync(examplesFolder)) {
      config.dagsFolder = examplesFolder;
    }
    // One machine: nothing outside it needs to reach this server unless asked.
    if (!chosen("host")) config.host = "127.0.0.1";
    // The metrics port follows the host it defaulted to, so it stays on this machine too.
    if (!chosen("metricsHost")) config.metricsHost = config.host;
    await runStandalone(config);
  });
}

/** The control plane and a local worker in one process; SIGTERM drains the worker, then stops. */
async function runStandalone(config: ServerConfig): Promise<void> {
  const { localWorkerToken, standaloneAdmin, startControlPlane } = await import("@borda/server");
  const { EdgeWorker, resolveWorkerConfig } = await import("@borda/worker");
  const controlPlane = await startControlPlane(config);
  const token = await localWorkerToken(controlPlane.store, controlPlane.secretKey, config.home);
  const admin = await standaloneAdmin({
    store: controlPlane.store,
    userAuth: controlPlane.userAuth,
    home: config.home,
    username: config.adminUser,
  });
  const worker = new EdgeWorker(
    resolveWorkerConfig(
      {
        apiUrl: controlPlane.url,
        queues: "*",
        hostname: "standalone",
        workDir: path.join(config.home, "worker"),
        fetchWait: String(config.fetchWaitMs / 1000),
        logLevel: config.logLevel === "silent" ? "error" : "warn",
      },
      { BORDA_WORKER_TOKEN: token, PATH: process.env.PATH },
    ),
  );
  await worker.start();
  if (config.dagsFolder === examplesFolder) await createExamplesPool(controlPlane.store);
  process.stdout.write(
    [
      "",
      "Borda is running standalone.",
      `  server:    ${controlPlane.url}  (worker API at /edge/v1)`,
      `  web UI:    ${controlPlane.url}/`,
      `  DAGs:      ${config.dagsFolder}`,
      `  database:  ${controlPlane.store.location}`,
      "  worker:    'standalone', serving every queue",
      admin.password === null
        ? `  admin:     ${admin.username}`
        : `  admin:     ${admin.username} / ${admin.password}  (also in ${admin.file})`,
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      void worker
        .drain({ reason: "standalone stopping" })
        .then(() => worker.stopped)
        .then(() => controlPlane.stop())
        .then(resolve);
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
}

/**
 * The bundled examples' count_to_twenty runs in pool `worker-1`, which the first seed's
 * walkthrough creates by hand (10 slots, "Edge Pool"). Standalone serving those examples
 * creates the same pool when it is absent (a pool someone changed stays as they left it),
 * so every example runs out of the box. With a DAGs folder of its own, it creates none.
 */
async function createExamplesPool(store: ControlPlane["store"]): Promise<void> {
  if (await store.getPool(examplesPool.name)) return;
  await store.savePool(examplesPool);
}

const examplesPool = {
  name: "worker-1",
  slots: 10,
  description: "Edge Pool",
  includeDeferred: false,
};

/** Starts the control plane and stops it cleanly on SIGTERM or SIGINT. */
async function runUntilSignal(config: ServerConfig): Promise<void> {
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
