import type { ControlPlane } from "@borda/server";
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

/** A reschedule-mode sensor whose condition never holds: after one poke it waits an hour. */
const sensorDag = `
import { dag } from "borda";

export default dag({ id: "waiting", schedule: null }, ({ task, sensor }) => {
  const wait = sensor({ id: "wait_for_data", mode: "reschedule", pokeInterval: "1h", timeout: "1d" }, () => false);
  task({ id: "load" }, () => "loaded").after(wait);
});
`;

/**
 * A sensor between pokes in a real Chromium: a real control plane and `borda worker` run
 * its first poke, and the run page, its state count and the DAG's grid show the task
 * instance `up_for_reschedule`, in Airflow's colour.
 */
describeWithBrowser("a sensor up for reschedule in the web UI", () => {
  const resources = new TestResources();
  let ui: TestBrowser;
  let cp: ControlPlane;

  beforeAll(async () => {
    cp = await startServer(
      resources,
      resources.dir("borda-ui-sensor-"),
      { "waiting.ts": sensorDag },
      { adminPassword: "admin" },
    );
    const worker = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["default"]),
      name: "sensor-worker",
      queues: "default",
    });
    await workersRegistered(cp, worker);
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

  it("shows the sensor up for reschedule on the run page and in the grid", async () => {
    const run = await cp.scheduler.triggerRun("waiting", { runId: "wait_run" });
    await eventually(
      async () =>
        (await cp.store.listTaskInstances({ dagRunId: run.id, taskIds: ["wait_for_data"] }))[0]
          ?.state === "up_for_reschedule",
      "the sensor's first poke to reschedule it",
    );

    const { page } = ui;
    await page.goto(`${cp.url}/dags/waiting/runs/wait_run`);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("admin");
    await page.getByRole("button", { name: "Sign in" }).click();
    const row = page.getByRole("row").filter({ hasText: "wait_for_data" });
    await expect
      .poll(() => row.first().textContent(), { timeout: 30_000 })
      .toContain("up for reschedule");
    const badge = row.first().locator(".badge.state-up_for_reschedule");
    expect(await badge.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      "rgb(210, 247, 243)",
    );
    await expect
      .poll(() => page.locator(".state-summary").textContent(), { timeout: 30_000 })
      .toContain("up for reschedule 1");
    await ui.screenshot("run-sensor-up-for-reschedule");

    await page.goto(`${cp.url}/dags/waiting?tab=grid`);
    await page
      .getByRole("img", { name: "wait_for_data in wait_run: up_for_reschedule" })
      .waitFor({ state: "visible", timeout: 30_000 });
  });
});
