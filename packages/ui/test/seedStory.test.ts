import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startStandalone, TestResources } from "../../cli/test/support.js";
import { describeWithBrowser, openBrowser, type TestBrowser } from "./support/browser.js";

const examples = fileURLToPath(new URL("../../../examples/dags/", import.meta.url));

/** A DAG file that does not parse: its import error must show on the DAGs page. */
const brokenDag = `import { dag } from "borda";\nexport default dag({ id: "broken" }, ({ task }) => {\n  task({ id: "t" }, async () => {\n`;

/**
 * The first seed document's story, told through the web UI of a real `borda standalone`
 * in a real Chromium: sign in, see a broken DAG's import error, create pool worker-1,
 * unpause and trigger count-to-twenty, watch it succeed live, read its log, find it on the
 * Edge jobs page with its worker, and put that worker in maintenance.
 */
describeWithBrowser("the seed story in the web UI", () => {
  const resources = new TestResources();
  let ui: TestBrowser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    const cwd = resources.dir("borda-ui-");
    mkdirSync(path.join(cwd, "dags"));
    for (const file of ["count_to_twenty.ts", "fan_out_fan_in.ts"]) {
      copyFileSync(path.join(examples, file), path.join(cwd, "dags", file));
    }
    writeFileSync(path.join(cwd, "dags", "broken.ts"), brokenDag);
    ({ url } = await startStandalone(resources, cwd, { BORDA_ADMIN_PASSWORD: "admin" }));
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

  /** Waits as long as a run may take; assertions themselves never measure time. */
  const patience = 30_000;
  const row = (name: string | RegExp): Locator => page.getByRole("row").filter({ hasText: name });
  const shows = (locator: Locator) =>
    locator.first().waitFor({ state: "visible", timeout: patience });
  const goTo = (section: string) =>
    page
      .getByRole("navigation", { name: "Sections" })
      .getByRole("link", { name: section, exact: true })
      .click();
  /** The locator's text, re-read until it contains `text`: the page updates itself, no reload. */
  const comesToSay = (locator: Locator, text: string) =>
    expect.poll(() => locator.first().textContent(), { timeout: patience }).toContain(text);

  it("signs in", async () => {
    await page.goto(url);
    await shows(page.getByRole("heading", { name: "Sign in to Borda" }));
    await ui.screenshot("login");
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await shows(page.getByRole("alert"));
    await page.getByLabel("Password").fill("admin");
    await page.getByRole("button", { name: "Sign in" }).click();
    await shows(page.getByRole("heading", { name: "DAGs", level: 1 }));
  });

  it("shows the broken DAG's import error with its file", async () => {
    await shows(page.getByText("broken.ts").first());
    await shows(row("count_to_twenty"));
    await ui.screenshot("dags");
  });

  it("creates pool worker-1", async () => {
    await goTo("Pools");
    await page.getByRole("button", { name: "Create pool" }).click();
    const dialog = page.getByRole("dialog", { name: "Create pool" });
    await dialog.getByLabel("Name").fill("worker-1");
    await dialog.getByLabel("Slots").fill("10");
    await dialog.getByLabel("Description").fill("Edge Pool");
    await dialog.getByRole("button", { name: "Create" }).click();
    await comesToSay(row("worker-1"), "Edge Pool");
    await ui.screenshot("pools");
  });

  it("unpauses and triggers count-to-twenty with a short pause, and watches it succeed live", async () => {
    await goTo("DAGs");
    await page.getByRole("switch", { name: "Unpause count_to_twenty", exact: true }).click();
    await shows(page.getByRole("switch", { name: "Pause count_to_twenty", exact: true }));
    await page.getByRole("button", { name: "Trigger count_to_twenty" }).click();
    const dialog = page.getByRole("dialog", { name: "Trigger count_to_twenty" });
    // A quarter second per count: long enough to see it running, short for a test.
    await dialog.getByLabel("sleep_seconds", { exact: true }).fill("0.25");
    await ui.screenshot("trigger");
    await dialog.getByRole("button", { name: "Trigger", exact: true }).click();
    // The run page: the task's state changes from running to success without a reload.
    await comesToSay(page.getByRole("heading", { level: 1 }), "manual__");
    await comesToSay(row("count_to_twenty"), "running");
    await ui.screenshot("run-running");
    await comesToSay(row("count_to_twenty"), "success");
    await ui.screenshot("run");
  });

  it("reads the log lines the task printed", async () => {
    await page.getByRole("link", { name: "Log of count_to_twenty" }).click();
    await shows(page.getByText("Counting: 20"));
    await shows(page.getByText("Counting: 1", { exact: false }).first());
    await ui.screenshot("log");
  });

  it("colours a fan-out DAG's graph by the states of its run", async () => {
    await goTo("DAGs");
    await page.getByRole("switch", { name: "Unpause fan_out_fan_in", exact: true }).click();
    await page.getByRole("button", { name: "Trigger fan_out_fan_in" }).click();
    const dialog = page.getByRole("dialog", { name: "Trigger fan_out_fan_in" });
    await dialog.getByRole("button", { name: "Trigger", exact: true }).click();
    await comesToSay(row("report"), "success");
    await page.getByRole("link", { name: "fan_out_fan_in", exact: true }).click();
    await page.getByRole("tab", { name: "Graph" }).click();
    await shows(page.getByRole("link", { name: "report: success" }));
    await ui.screenshot("dag-graph");
  });

  it("finds the job on the Edge jobs page with the worker's name", async () => {
    await goTo("Edge jobs");
    await comesToSay(row("count_to_twenty"), "standalone");
    await comesToSay(row("count_to_twenty"), "success");
    await ui.screenshot("jobs");
  });

  it("puts the worker in maintenance with a comment and sees its state change", async () => {
    await goTo("Edge workers");
    await comesToSay(row("standalone"), "idle");
    await ui.screenshot("workers");
    await row("standalone")
      .getByRole("button", { name: /Maintenance on/ })
      .click();
    const dialog = page.getByRole("dialog", { name: "Maintenance for standalone" });
    await dialog.getByLabel("Comment").fill("Swapping the disk");
    await dialog.getByRole("button", { name: "Enter maintenance" }).click();
    await comesToSay(row("standalone"), "maintenance");
    await comesToSay(row("standalone"), "Swapping the disk");
    await ui.screenshot("workers-maintenance");
  });

  it("shows the DAG's graph, grid, code and details", async () => {
    await goTo("DAGs");
    await page.getByRole("link", { name: "count_to_twenty", exact: true }).click();
    for (const tab of ["Grid", "Graph", "Code", "Details"]) {
      await page.getByRole("tab", { name: tab }).click();
      await shows(page.getByRole("tab", { name: tab, selected: true }));
      await ui.screenshot(`count_to_twenty-${tab.toLowerCase()}`);
    }
    await page.getByRole("tab", { name: "Code" }).click();
    await shows(page.getByText(/Counting: \$\{i\}/));
  });

  it("is usable from the keyboard: a skip link first, then the sections", async () => {
    await page.goto(url);
    await shows(page.getByRole("heading", { name: "DAGs", level: 1 }));
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("Skip to content");
    for (let presses = 0; presses < 10 && (await focused()) !== "Pools"; presses++) {
      await page.keyboard.press("Tab");
    }
    expect(await focused()).toBe("Pools");
    await page.keyboard.press("Enter");
    await shows(page.getByRole("heading", { name: "Pools", level: 1 }));
  });

  it("says what went wrong, instead of a blank page, when the API refuses", async () => {
    await page.goto(`${url}/dags/no_such_dag`);
    await comesToSay(page.getByRole("alert"), "not found");
    await ui.screenshot("error");
  });

  it("shows the admin page", async () => {
    await goTo("Admin");
    await shows(page.getByRole("heading", { name: "Worker tokens" }));
    await ui.screenshot("admin");
  });
});
