import { afterAll, beforeAll, expect, it } from "vitest";
import { TestResources } from "../../cli/test/support.js";
import { describeWithBrowser, openBrowser, type TestBrowser } from "./support/browser.js";
import { adminAuth, startWithDags, triggerWhenParsed } from "./support/standalone.js";

/** One run of 1,000 task instances: a fan-out of 999 no-op tasks after a start task. */
const wideDag = `
import { dag } from "borda";

export default dag({ id: "wide", schedule: null, startDate: "2021-01-01" }, ({ task }) => {
  const start = task({ id: "start" }, async () => "go");
  for (let i = 1; i < 1000; i++) {
    task({ id: \`step_\${String(i).padStart(3, "0")}\` }, async () => i).after(start);
  }
});
`;

describeWithBrowser("a run of 1,000 task instances in the web UI", () => {
  const resources = new TestResources();
  let ui: TestBrowser;
  let url: string;

  beforeAll(async () => {
    url = await startWithDags(resources, { "wide.ts": wideDag });
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

  it("renders the run page, graph and grid", async () => {
    await triggerWhenParsed(url, "wide", "wide_run");

    const { page } = ui;
    await page.goto(`${url}/dags/wide/runs/wide_run`);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("admin");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page
      .getByRole("link", { name: "Log of step_999" })
      .waitFor({ state: "visible", timeout: 30_000 });
    expect(await page.getByRole("link", { name: /^Log of / }).count()).toBe(1000);
    await ui.screenshot("run-1000");

    await page.goto(`${url}/dags/wide?tab=graph&run=wide_run`);
    // The graph draws only the nodes in view; the start task and some of its 999 steps are.
    await page.getByRole("link", { name: /^start: / }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole("link", { name: /^step_\d+: / }).count()).toBeGreaterThan(0);
    await ui.screenshot("dag-graph-1000");
    await page.goto(`${url}/dags/wide?tab=grid`);
    await page.getByText("step_999").first().waitFor({ state: "visible", timeout: 30_000 });
  });

  it("marks the whole run failed after asking, and the run page shows it", async () => {
    const { page } = ui;
    await page.goto(`${url}/dags/wide/runs/wide_run`);
    await page.getByRole("button", { name: "Mark run failed" }).click();
    const dialog = page.getByRole("dialog", { name: "Mark run failed?" });
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect
      .poll(async () => {
        const answer = await fetch(`${url}/api/v1/dags/wide/dagRuns/wide_run`, {
          headers: adminAuth,
        });
        return ((await answer.json()) as { state: string }).state;
      })
      .toBe("failed");
    const heading = page.getByRole("heading", { level: 1 }).locator("..");
    await expect.poll(() => heading.textContent(), { timeout: 30_000 }).toContain("failed");
  });
});
