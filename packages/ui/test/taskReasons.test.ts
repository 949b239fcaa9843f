import type { ControlPlane } from "@borda/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { TestResources } from "../../cli/test/support.js";
import { expectedReasons, finishedReasonsRun } from "../../cli/test/taskReasons.js";
import { describeWithBrowser, openBrowser, type TestBrowser } from "./support/browser.js";

/**
 * The run page in a real Chromium says, under each task that failed, could not run or was
 * skipped, why: the worker's error, the upstream failure, the branch that went elsewhere.
 */
describeWithBrowser("why task instances did not succeed, on the run page", () => {
  const resources = new TestResources();
  let ui: TestBrowser;
  let cp: ControlPlane;

  beforeAll(async () => {
    cp = await finishedReasonsRun(resources);
    ui = await openBrowser();
  });
  afterAll(async () => {
    // The processes stop even when the browser fails to close.
    try {
      await ui?.close();
    } finally {
      await resources.cleanup();
    }
  });

  it("shows a reason line under each failed, upstream-failed and skipped task", async () => {
    const { page } = ui;
    await page.goto(`${cp.url}/dags/reasons/runs/r1`);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("pw");
    await page.getByRole("button", { name: "Sign in" }).click();
    const reason = (name: string) => page.getByRole("cell", { name, exact: true });
    await reason("Why boom is failed").waitFor({ state: "visible", timeout: 30_000 });
    expect(await reason("Why boom is failed").textContent()).toBe(expectedReasons.boom);
    expect(await reason("Why after_boom is upstream failed").textContent()).toBe(
      expectedReasons.after_boom,
    );
    expect(await reason("Why not_taken is skipped").textContent()).toBe(expectedReasons.not_taken);
    // Only those: a task that succeeded has no reason line.
    expect(await page.locator(".task-reason").count()).toBe(3);
    await ui.screenshot("run-reasons");
  });
});
