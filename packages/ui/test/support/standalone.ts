import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { eventually, startStandalone, type TestResources } from "../../../cli/test/support.js";

/** Basic credentials of the admin the browser suites' standalone servers create. */
export const adminAuth = {
  authorization: `Basic ${Buffer.from("admin:admin").toString("base64")}`,
};

/**
 * Runs `borda standalone` (admin/admin, DAGs unpaused) in a fresh folder whose DAGs
 * folder holds `dags` (file name → source); answers its URL.
 */
export async function startWithDags(
  resources: TestResources,
  dags: Record<string, string>,
): Promise<string> {
  const cwd = resources.dir("borda-ui-");
  mkdirSync(path.join(cwd, "dags"));
  for (const [file, source] of Object.entries(dags)) {
    writeFileSync(path.join(cwd, "dags", file), source);
  }
  const { url } = await startStandalone(resources, cwd, {
    BORDA_ADMIN_PASSWORD: "admin",
    BORDA_DAGS_PAUSED_AT_CREATION: "false",
  });
  return url;
}

/** Triggers run `runId` of `dagId` through the REST API, once the DAG is parsed. */
export async function triggerWhenParsed(url: string, dagId: string, runId: string) {
  await eventually(
    async () => (await fetch(`${url}/api/v1/dags/${dagId}`, { headers: adminAuth })).ok,
    `the ${dagId} DAG to be parsed`,
  );
  const triggered = await fetch(`${url}/api/v1/dags/${dagId}/dagRuns`, {
    method: "POST",
    headers: { ...adminAuth, "content-type": "application/json" },
    body: JSON.stringify({ dag_run_id: runId }),
  });
  expect(triggered.status).toBe(200);
}
