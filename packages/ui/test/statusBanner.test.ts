import type { ControlPlane } from "@borda/server";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually, startServer, TestResources } from "../../cli/test/support.js";
import {
  closeBrowser,
  describeWithBrowser,
  openBrowser,
  shows,
  signIn,
  type TestBrowser,
} from "./support/browser.js";

const dags = {
  "split.ts": `
import { dag } from "borda";
export default dag({ id: "split", schedule: null }, ({ task }) => {
  task({ id: "train", queue: "gpu" }, () => 1);
});`,
  "broken.ts": `import { dag } from "borda";\nthrow new Error("broken on purpose");`,
};

/**
 * The banner every page shows while something needs attention, in a real Chromium against
 * a real control plane: work on a queue no worker serves and a DAG file that fails to
 * import, each with a link to where to look, and a dismissal that lasts the session.
 */
describeWithBrowser("the status banner in the web UI", () => {
  const resources = new TestResources();
  let ui: TestBrowser;
  let page: Page;
  let server: ControlPlane;

  beforeAll(async () => {
    server = await startServer(resources, resources.dir("borda-ui-status-"), dags, {
      adminPassword: "admin",
    });
    await eventually(
      async () => (await server.store.listImportErrors()).length > 0,
      "the broken file's import error",
    );
    await server.scheduler.triggerRun("split", { runId: "waiting" });
    ui = await openBrowser();
    page = ui.page;
  }, 120_000);
  afterAll(() => closeBrowser(ui, () => resources.cleanup()));

  const banner = () => page.getByRole("region", { name: "Needs attention" });

  it("names the unserved queue and the broken file on every page, and links to the workers", async () => {
    await signIn(page, server.url, "admin", "admin");
    await shows(banner().getByText(/Queue gpu has 1 queued job .* and no live worker/));
    await shows(banner().getByText(/1 DAG file failed to import: broken\.ts/));
    await ui.screenshot("status-banner");

    await banner().getByRole("link", { name: "See the workers" }).click();
    await shows(page.getByRole("heading", { name: "Edge workers", level: 1 }));
    // Still there on the workers page, as on every page.
    await shows(banner().getByText(/Queue gpu has 1 queued job/));
  });

  it("stays dismissed for the session once dismissed", async () => {
    await banner().getByRole("button", { name: "Dismiss" }).click();
    await banner().waitFor({ state: "hidden", timeout: 30_000 });
    await page.reload();
    // The workers page's own note reads the same status: once it shows, so would the banner.
    await shows(page.getByText("Queue gpu has 1 queued job and no live worker serves it."));
    expect(await banner().count()).toBe(0);
  });
});
