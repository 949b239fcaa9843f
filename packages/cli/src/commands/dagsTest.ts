import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { resolveServerConfig } from "@borda/server/config";
import type { Command } from "commander";

/**
 * `borda dags test <dag_id> [task_id]`: runs a DAG, or one of its tasks, on this machine
 * without a server, for development. It is the real thing in miniature: a throwaway
 * control plane (embedded database in a temporary directory, HTTP on a free loopback
 * port) processes the DAGs folder, and a local worker runs the tasks; their logs print
 * here as they run. Exits 0 when the run succeeds.
 */
export function registerDagTestCommand(dags: Command): void {
  dags
    .command("test")
    .description(
      "Run a DAG (or one task of it) locally without a server: processes the DAGs folder, runs the tasks on a local worker, prints their logs; exits 0 on success.",
    )
    .argument("<dag_id>", "the DAG to run")
    .argument(
      "[task_id]",
      "run only this task (its upstream tasks count as succeeded, with no results)",
    )
    .option(
      "--dags <dir>",
      "the DAGs folder [env BORDA_DAGS_FOLDER]",
      process.env.BORDA_DAGS_FOLDER ?? "./dags",
    )
    .option("--conf <json>", "the run's conf, a JSON object", "{}")
    .action(
      async (
        dagId: string,
        taskId: string | undefined,
        options: { dags: string; conf: string },
      ) => {
        const conf = parseConf(options.conf);
        const home = mkdtempSync(path.join(tmpdir(), "borda-dags-test-"));
        const { startControlPlane, localWorkerToken } = await import("@borda/server");
        const { EdgeWorker, resolveWorkerConfig } = await import("@borda/worker");
        const controlPlane = await startControlPlane({
          ...resolveServerConfig({}, {}),
          home,
          dagsFolder: path.resolve(options.dags),
          port: 0,
          host: "127.0.0.1",
          logLevel: "silent",
          fetchWaitMs: 1000,
        });
        const worker = new EdgeWorker(
          resolveWorkerConfig(
            {
              apiUrl: controlPlane.url,
              queues: "*",
              hostname: "dags-test",
              workDir: path.join(home, "worker"),
              logLevel: "error",
            },
            {
              BORDA_WORKER_TOKEN: await localWorkerToken(
                controlPlane.store,
                controlPlane.secretKey,
                home,
              ),
              PATH: process.env.PATH,
            },
          ),
        );
        let started = false;
        try {
          const { store, scheduler } = controlPlane;
          const dag = await store.getDag(dagId);
          if (!dag?.currentVersion) {
            const errors = await store.listImportErrors();
            const detail = errors
              .map((e) => `\n  ${e.fileloc}${e.line ? `:${e.line}` : ""}: ${e.message}`)
              .join("");
            throw new Error(
              `No DAG '${dagId}' in ${path.resolve(options.dags)}.${detail ? ` Import errors:${detail}` : ""}`,
            );
          }
          // Paused while the run is prepared, so nothing starts before the other tasks are marked.
          await store.setDagPaused(dagId, true, new Date());
          const run = await scheduler.triggerRun(dagId, {
            runId: `test__${new Date().toISOString()}`,
            conf,
          });
          if (taskId) {
            const others = dag.currentVersion.spec.tasks
              .map((t) => t.taskId)
              .filter((id) => id !== taskId);
            if (others.length === dag.currentVersion.spec.tasks.length) {
              throw new Error(`DAG '${dagId}' has no task '${taskId}'.`);
            }
            if (others.length > 0)
              await scheduler.changes.markTaskInstances(dagId, run.runId, others, "success");
          }
          await worker.start();
          started = true;
          await store.setDagPaused(dagId, false, new Date());
          await scheduler.runPass();
          const state = await followRun(controlPlane, run.id);
          process.stdout.write(`\nRun ${run.runId}: ${state}\n`);
          if (state !== "success") process.exitCode = 1;
        } finally {
          if (started) await worker.drain({ reason: "dags test done", timeoutMs: 0 });
          await controlPlane.stop();
          rmSync(home, { recursive: true, force: true });
        }
      },
    );
}

/** Prints each task's log lines as they arrive, prefixed with the task id, until the run ends. */
async function followRun(
  controlPlane: Awaited<ReturnType<typeof import("@borda/server")["startControlPlane"]>>,
  dagRunId: number,
): Promise<string> {
  const printed = new Map<string, number>();
  for (;;) {
    const run = await controlPlane.store.getDagRunById(dagRunId);
    for (const attempt of await controlPlane.store.listAttempts({ dagRunId })) {
      const from = printed.get(attempt.attemptId) ?? 0;
      const { data, nextOffset } = await controlPlane.store.readLog(attempt.attemptId, from);
      if (data) {
        for (const line of data.trimEnd().split("\n"))
          process.stdout.write(`[${attempt.taskId}] ${line}\n`);
        printed.set(attempt.attemptId, nextOffset);
      }
    }
    if (run && (run.state === "success" || run.state === "failed")) return run.state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function parseConf(text: string): Record<string, unknown> {
  let conf: unknown;
  try {
    conf = JSON.parse(text);
  } catch {
    throw new Error(`--conf must be a JSON object, e.g. '{"rows": 5}'; got ${text}`);
  }
  if (typeof conf !== "object" || conf === null || Array.isArray(conf)) {
    throw new Error(`--conf must be a JSON object, e.g. '{"rows": 5}'; got ${text}`);
  }
  return conf as Record<string, unknown>;
}
