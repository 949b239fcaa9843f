import type { ControlPlane } from "@borda/server";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  eventually,
  startServer,
  startWorker,
  TestResources,
  workersRegistered,
  workerToken,
} from "../../cli/test/support.js";
import { describeWithBrowser, openBrowser, type TestBrowser } from "./support/browser.js";

const orders = "s3://warehouse/orders";

const dags = {
  "assets.ts": `
import { asset, dag } from "borda";
const orders = asset("${orders}");
const customers = asset("s3://warehouse/customers");
export const producer = dag({ id: "produce_orders" }, ({ task }) => {
  task({ id: "write_orders", outlets: [orders] }, () => "written");
});
export const consumer = dag({ id: "consume_orders", schedule: orders.or(customers) }, ({ task }) => {
  task({ id: "report" }, (ctx) => Object.keys(ctx.triggeringAssetEvents));
});
`,
};

/**
 * The Assets page of a real control plane in a real Chromium, with a real worker: an
 * asset's producing task and consuming DAG, the event the producer's success raised and
 * the run it triggered, an event an Op raises by hand triggering the consumer again, and
 * the consumer's DAG page saying what it is scheduled on.
 */
describeWithBrowser("assets in the web UI", () => {
  const resources = new TestResources();
  let ui: TestBrowser;
  let page: Page;
  let server: ControlPlane;

  beforeAll(async () => {
    server = await startServer(resources, resources.dir("borda-ui-assets-"), dags, {
      adminPassword: "admin",
    });
    const worker = startWorker(resources, {
      url: server.url,
      token: await workerToken(server, ["default"]),
      name: "assets-worker",
      queues: "default",
    });
    await workersRegistered(server, worker);
    ui = await openBrowser();
    page = ui.page;
  }, 120_000);
  afterAll(async () => {
    // The processes stop even when the browser fails to close.
    try {
      await ui?.close();
    } finally {
      await resources.cleanup();
    }
  });

  const patience = 30_000;
  const row = (text: string): Locator => page.getByRole("row").filter({ hasText: text });
  const shows = (locator: Locator) =>
    locator.first().waitFor({ state: "visible", timeout: patience });
  const consumerRuns = (count: number) =>
    eventually(async () => {
      const runs = await server.store.listDagRuns({ dagId: "consume_orders" });
      return runs.length === count && runs.every((r) => r.state === "success") ? runs : null;
    }, `${count} successful run(s) of consume_orders`);

  it("lists an asset with its producer, consumer and the event that triggered a run", async () => {
    await server.scheduler.triggerRun("produce_orders", { runId: "first" });
    const [run] = await consumerRuns(1);
    // The consumer's task, run by the real worker, saw the event that triggered it.
    const [result] = await server.store.listXcoms({ dagRunId: run?.id ?? 0, key: "return_value" });
    expect(result?.value).toEqual([orders]);

    await page.goto(server.url);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("admin");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page
      .getByRole("navigation", { name: "Sections" })
      .getByRole("link", { name: "Assets", exact: true })
      .click();
    await shows(page.getByRole("heading", { name: "Assets", level: 1 }));
    const asset = row(orders).filter({ has: page.getByRole("rowheader", { name: orders }) });
    await shows(asset.getByRole("link", { name: "produce_orders.write_orders" }));
    await shows(asset.getByRole("link", { name: "consume_orders" }));
    const events = page.getByRole("region", { name: "Recent events" });
    const event = events.getByRole("row").filter({ hasText: "produce_orders.write_orders" });
    await shows(event.getByRole("link", { name: "consume_orders" }));
    await shows(event.getByText("success"));
    await ui.screenshot("assets");
  });

  it("raises an event by hand, which triggers the consumer again", async () => {
    await page.getByRole("button", { name: `Raise an event of ${orders}` }).click();
    const dialog = page.getByRole("dialog", { name: `Raise an event of ${orders}` });
    await dialog.getByLabel("Extra (JSON, optional)").fill('{"rows": ');
    await dialog.getByRole("button", { name: "Raise" }).click();
    await shows(dialog.getByText("Extra must be a JSON object"));
    await dialog.getByLabel("Extra (JSON, optional)").fill('{"rows": 42}');
    await dialog.getByRole("button", { name: "Raise" }).click();
    await dialog.waitFor({ state: "hidden", timeout: patience });
    const [, second] = await consumerRuns(2);
    const external = page.getByRole("region", { name: "Recent events" }).getByRole("row").filter({
      hasText: "external",
    });
    await shows(external.getByText('{"rows":42,"from_rest_api":true}'));
    await shows(external.getByRole("link", { name: "consume_orders" }));
    expect(second?.runType).toBe("dataset_triggered");
  });

  it("shows the consumer's asset schedule on its DAG page", async () => {
    await page.getByRole("link", { name: "consume_orders" }).first().click();
    await shows(page.getByRole("heading", { name: "consume_orders", level: 1 }));
    await page.goto(`${server.url}/dags/consume_orders?tab=details`);
    await shows(page.getByText("when its assets are updated"));
    await shows(page.getByText(`${orders} | s3://warehouse/customers`));
  });
});
