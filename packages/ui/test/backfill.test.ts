import type { ControlPlane } from "@borda/server";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, TestResources } from "../../cli/test/support.js";
import { describeWithBrowser, openBrowser, type TestBrowser } from "./support/browser.js";

const dags = {
  "daily.ts": `
import { dag } from "borda";
export default dag({ id: "daily", schedule: "@daily", startDate: "2024-01-01" }, ({ task }) => {
  task({ id: "work" }, () => "done");
});`,
};

/**
 * A backfill from the DAG page of a real control plane in a real Chromium: the dialog
 * previews the dates and starts it, the Backfills tab shows its progress, and Cancel
 * stops it. No worker serves the DAG, so its first runs stay running while the page looks.
 */
describeWithBrowser("backfills in the web UI", () => {
  const resources = new TestResources();
  let ui: TestBrowser;
  let page: Page;
  let server: ControlPlane;

  beforeAll(async () => {
    server = await startServer(resources, resources.dir("borda-ui-backfill-"), dags, {
      adminPassword: "admin",
    });
    ui = await openBrowser();
    page = ui.page;
  });
  afterAll(async () => {
    // The processes stop even when the browser fails to close.
    try {
      await ui?.close();
    } finally {
      await resources.cleanup();
    }
  });

  const patience = 30_000;
  const comesToSay = (locator: Locator, text: string) =>
    expect.poll(() => locator.first().textContent(), { timeout: patience }).toContain(text);

  it("starts a backfill from the dialog, shows its progress, and cancels it", async () => {
    await page.goto(`${server.url}/dags/daily`);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("admin");
    await page.getByRole("button", { name: "Sign in" }).click();

    await page.getByRole("button", { name: "Backfill daily" }).click();
    const dialog = page.getByRole("dialog", { name: "Backfill daily" });
    await dialog.getByLabel("From").fill("2024-01-01");
    await dialog.getByLabel("To").fill("2024-01-10");
    await dialog.getByLabel("Max active runs").fill("2");
    await dialog.getByRole("button", { name: "Preview dates" }).click();
    await comesToSay(dialog.getByRole("status"), "10 runs:");
    await ui.screenshot("backfill-dialog");
    await dialog.getByRole("button", { name: "Start backfill" }).click();

    const row = page.getByRole("row").filter({ hasText: "#1" });
    await comesToSay(row, "running");
    await comesToSay(row, "2/10 created · 2 running · 0 succeeded · 0 failed");
    await expect
      .poll(() => row.getByRole("progressbar").getAttribute("max"), { timeout: patience })
      .toBe("10");
    await ui.screenshot("backfill-progress");

    await row.getByRole("button", { name: "Cancel backfill 1" }).click();
    await page
      .getByRole("dialog", { name: "Cancel backfill 1" })
      .getByRole("button", { name: "Cancel backfill" })
      .click();
    await comesToSay(row, "cancelled");
    const backfill = await server.store.getBackfill(1);
    expect(backfill?.completedAt).not.toBeNull();
    const runs = await server.store.listDagRuns({ dagId: "daily", runType: "backfill" });
    expect(runs).toHaveLength(2);
  });
});
