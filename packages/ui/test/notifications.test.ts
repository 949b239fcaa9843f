import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually, startStandalone, TestResources } from "../../cli/test/support.js";
import { httpReceiver } from "../../server/test/support/loopbackReceivers.js";
import { describeWithBrowser, openBrowser, type TestBrowser } from "./support/browser.js";

/** A task that fails, notifying a webhook that works and one whose server answers 500. */
const failingDag = `
import { dag, webhookNotifier } from "borda";

export default dag({ id: "notified", schedule: null }, ({ task }) => {
  task(
    {
      id: "boom",
      onFailure: [webhookNotifier({ connId: "hook" }), webhookNotifier({ connId: "broken" })],
    },
    () => { throw new Error("boom"); },
  );
});
`;

describeWithBrowser("a run's callbacks and notifications in the web UI", () => {
  const resources = new TestResources();
  const cleanups: (() => Promise<void> | void)[] = [];
  let ui: TestBrowser;
  let url: string;
  const auth = { authorization: `Basic ${Buffer.from("admin:admin").toString("base64")}` };

  beforeAll(async () => {
    const receiver = await httpReceiver({ onCleanup: (fn) => cleanups.push(fn) }, (route) =>
      route.startsWith("/broken") ? 500 : 200,
    );
    const cwd = resources.dir("borda-ui-notified-");
    mkdirSync(path.join(cwd, "dags"));
    writeFileSync(path.join(cwd, "dags", "notified.ts"), failingDag);
    ({ url } = await startStandalone(resources, cwd, {
      BORDA_ADMIN_PASSWORD: "admin",
      BORDA_DAGS_PAUSED_AT_CREATION: "false",
      BORDA_NOTIFICATION_RETRY_DELAY: "0.05",
    }));
    for (const [connection_id, host] of [
      ["hook", `${receiver.url}/hook`],
      ["broken", `${receiver.url}/broken`],
    ]) {
      const made = await fetch(`${url}/api/v1/connections`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ connection_id, conn_type: "http", host }),
      });
      expect(made.status).toBe(200);
    }
    ui = await openBrowser();
  });
  afterAll(async () => {
    // The processes stop even when the browser fails to close.
    try {
      await ui?.close();
    } finally {
      await resources.cleanup();
    }
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("shows each delivery of a failed task's notifiers, and why one failed", async () => {
    await eventually(
      async () => (await fetch(`${url}/api/v1/dags/notified`, { headers: auth })).ok,
      "the notified DAG to be parsed",
    );
    const triggered = await fetch(`${url}/api/v1/dags/notified/dagRuns`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ dag_run_id: "r1" }),
    });
    expect(triggered.status).toBe(200);

    const { page } = ui;
    await page.goto(`${url}/dags/notified/runs/r1`);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("admin");
    await page.getByRole("button", { name: "Sign in" }).click();
    const table = page.getByRole("table", { name: "Callbacks and notifications" });
    const delivered = table.getByRole("row").filter({ hasText: "webhook via hook" });
    const failed = table.getByRole("row").filter({ hasText: "webhook via broken" });
    await expect.poll(() => delivered.textContent(), { timeout: 30_000 }).toContain("delivered");
    await expect.poll(() => failed.textContent(), { timeout: 30_000 }).toContain("failed");
    expect(await failed.textContent()).toContain(
      "the webhook of connection 'broken' answered HTTP 500.",
    );
    // The run failed because its task did, not because of a notifier.
    const heading = page.getByRole("heading", { level: 1 }).locator("..");
    expect(await heading.textContent()).toContain("failed");
    await ui.screenshot("run-notifications");
  });
});
