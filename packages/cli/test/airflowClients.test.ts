import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { postgresSkipMessage, postgresUrl } from "../../server/test/support/postgresSkip.js";
import { clientPython, type Session, sessions } from "./airflowClients/clientPythons.js";
import {
  freshDatabase,
  startServer,
  startWorker,
  TestResources,
  workersRegistered,
  workerToken,
} from "./support.js";

/**
 * Apache Airflow's official clients as the test of Borda's REST API: each session script
 * (airflowClients/session_<session>.py) is the script an Airflow user would write — list
 * and get DAGs, pause, trigger with conf, poll the run, task instances, logs, XCom, pools,
 * variables and connections, mark and clear — run with the client from PyPI against a
 * real control plane and a real `borda worker`. The clients check every answer against
 * their models, so an answer Borda shapes differently from Airflow fails here.
 */

const scripts = fileURLToPath(new URL("./airflowClients/", import.meta.url));
const dagSource = readFileSync(`${scripts}client_session.ts`, "utf8");
const credentials = { adminUser: "admin", adminPassword: "client-session-password" };

const backends = [
  { name: "sqlite", database: async () => null, skip: null },
  { name: "postgres", database: freshDatabase, skip: postgresUrl ? null : postgresSkipMessage },
];

for (const session of Object.keys(sessions) as Session[]) {
  const { python, skip, missing } = clientPython(session);
  for (const backend of backends) {
    const title = `${sessions[session].client}, the session an Airflow user's script runs [${backend.name}]`;
    const skipped = skip ?? backend.skip;
    (skipped ? describe.skip : describe)(skipped ? `${title} — skipped: ${skipped}` : title, () => {
      it(`runs session_${session}.py to the end`, async ({ onTestFinished }) => {
        if (missing) throw new Error(missing);
        const resources = new TestResources();
        const database = await backend.database();
        onTestFinished(async () => {
          await resources.cleanup();
          await database?.drop();
        });
        const cp = await startServer(
          resources,
          resources.dir(),
          { "client_session.ts": dagSource },
          { ...credentials, ...(database ? { databaseUrl: database.url } : {}) },
        );
        expect(await cp.store.listImportErrors()).toEqual([]);
        const worker = startWorker(resources, {
          url: cp.url,
          token: await workerToken(cp, ["default"]),
          name: "client-session-worker",
          queues: "default",
        });
        await workersRegistered(cp, worker);

        const outcome = await runSession(python ?? "", session, {
          BORDA_URL: cp.url,
          BORDA_USERNAME: credentials.adminUser,
          BORDA_PASSWORD: credentials.adminPassword,
        });
        if (outcome.code !== 0) {
          throw new Error(
            `session_${session}.py failed (exit ${outcome.code}):\n${outcome.output}\n--- worker:\n${worker.output().slice(-3000)}`,
          );
        }
        expect(outcome.output).toContain(`session ${session}: every step passed`);
      }, 300_000);
    });
  }
}

/** Runs a session script to its end; its stdout and stderr together, in order enough to read. */
function runSession(
  python: string,
  session: Session,
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      python,
      [`session_${session}.py`],
      {
        cwd: scripts,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
        // The airflowctl session starts ~30 Python processes, seconds each on a loaded machine.
        timeout: 270_000,
      },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
          output: `${stdout}${stderr}`,
        }),
    );
  });
}
