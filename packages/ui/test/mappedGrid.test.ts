import type { Locator } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { TestResources } from "../../cli/test/support.js";
import { describeWithBrowser, openBrowser, type TestBrowser } from "./support/browser.js";
import { adminAuth, startWithDags, triggerWhenParsed } from "./support/standalone.js";

/**
 * A task maps over an upstream's list of four fruits; the third one (map index 2) fails.
 * Another maps over 120 numbers, more than the grid's rows and the run page's page show;
 * one at a time, so the fruit is not kept waiting.
 */
const mappedDag = `
import { dag } from "borda";

export default dag({ id: "fruit", schedule: null, startDate: "2021-01-01" }, ({ task, mappedTask }) => {
  const fruits = task({ id: "fruits" }, async () => ["apple", "banana", "cherry", "damson"]);
  mappedTask({ id: "press", expand: { fruit: fruits } }, async (ctx) => {
    if (ctx.inputs.fruit === "cherry") throw new Error("the cherry's stone jammed the press");
    console.log(\`pressed \${ctx.inputs.fruit}\`);
    return ctx.inputs.fruit.length;
  });
  mappedTask(
    { id: "weigh", expand: { n: Array.from({ length: 120 }, (_, i) => i) }, maxActiveTisPerDagrun: 1 },
    async (ctx) => ctx.inputs.n,
  );
});
`;

describeWithBrowser("a mapped task in the web UI", () => {
  const resources = new TestResources();
  let ui: TestBrowser;
  let url: string;
  const patience = 30_000;
  const shows = (locator: Locator) => locator.waitFor({ state: "visible", timeout: patience });

  /** The states of press's map indexes in the run, in map index order, as the API reads them. */
  async function pressStates(): Promise<string[]> {
    const answer = await fetch(
      `${url}/api/v1/dags/fruit/dagRuns/fruit_run/taskInstances/press/listMapped?order_by=map_index`,
      { headers: adminAuth },
    );
    if (!answer.ok) return [];
    const body = (await answer.json()) as { task_instances: { state: string | null }[] };
    return body.task_instances.map((ti) => ti.state ?? "none");
  }

  beforeAll(async () => {
    url = await startWithDags(resources, { "fruit.ts": mappedDag });
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

  it("maps over the upstream's four items: three map indexes succeed, one fails", async () => {
    await triggerWhenParsed(url, "fruit", "fruit_run");
    await expect
      .poll(pressStates, { timeout: patience })
      .toEqual(["success", "success", "failed", "success"]);
  });

  it("shows the mapped task collapsed in the grid, with its counts per state", async () => {
    const { page } = ui;
    await page.goto(`${url}/dags/fruit?tab=grid`);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("admin");
    await page.getByRole("button", { name: "Sign in" }).click();
    await shows(
      page.getByRole("link", { name: "press in fruit_run: 4 mapped, 3 success, 1 failed" }),
    );
    const toggle = page.getByRole("button", { name: "Map indexes of press" });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByRole("link", { name: /^press\[\d\] in / }).count()).toBe(0);
    // The summary dot is the most telling state: one failure among successes.
    const dot = page.getByRole("img", { name: /^press in fruit_run: / });
    expect(await dot.getAttribute("class")).toContain("state-failed");
  });

  it("expands into its map indexes (a wide task's first 50), and one opens its log", async () => {
    const { page } = ui;
    const toggle = page.getByRole("button", { name: "Map indexes of press" });
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await shows(page.getByRole("link", { name: "press[2] in fruit_run: failed" }));
    for (const mapIndex of [0, 1, 3]) {
      await shows(page.getByRole("link", { name: `press[${mapIndex}] in fruit_run: success` }));
    }
    expect(await page.getByRole("link", { name: /^press\[\d\] in / }).count()).toBe(4);
    await ui.screenshot("dag-grid-mapped");

    // 120 map indexes: the first 50 as rows, and the way to the rest.
    await page.getByRole("button", { name: "Map indexes of weigh" }).click();
    await shows(page.getByRole("link", { name: /^weigh\[49\] in fruit_run: / }));
    expect(await page.getByRole("link", { name: /^weigh\[\d+\] in / }).count()).toBe(50);
    await shows(page.getByText("and 70 more —"));
    await shows(page.getByRole("link", { name: "open the run" }));

    await page.getByRole("link", { name: "press[2] in fruit_run: failed" }).click();
    await shows(page.getByRole("heading", { name: "press[2]", level: 1 }));
    expect(new URL(page.url()).searchParams.get("map_index")).toBe("2");
    await shows(page.getByText("the cherry's stone jammed the press").first());
    await ui.screenshot("task-log-mapped");
  });

  it("lists the map indexes on the run page, a hundred at a time, and marks and clears one of them", async () => {
    const { page } = ui;
    await page.goto(`${url}/dags/fruit/runs/fruit_run`);
    const summary = page.getByRole("row").filter({ hasText: "4 mapped" });
    await shows(summary);
    expect(await summary.textContent()).toMatch(/success 3.*failed 1/);
    expect(await page.getByRole("link", { name: /^Log of press\[/ }).count()).toBe(0);

    await page.getByRole("button", { name: "Map indexes of press" }).click();
    await shows(page.getByRole("link", { name: "Log of press[3]" }));
    expect(await page.getByRole("link", { name: /^Log of press\[/ }).count()).toBe(4);
    await ui.screenshot("run-mapped");

    // 120 map indexes: a hundred at a time.
    await page.getByRole("button", { name: "Map indexes of weigh" }).click();
    const pages = page.getByRole("navigation", { name: "Map indexes of weigh" });
    await shows(pages.getByText("Showing 1–100 of 120"));
    expect(await page.getByRole("link", { name: /^Log of weigh\[/ }).count()).toBe(100);
    await pages.getByRole("button", { name: "Next" }).click();
    await shows(page.getByRole("link", { name: "Log of weigh[119]" }));
    expect(await page.getByRole("link", { name: /^Log of weigh\[/ }).count()).toBe(20);

    await page.getByRole("link", { name: "Log of press[0]" }).click();
    await shows(page.getByRole("heading", { name: "press[0]", level: 1 }));
    await shows(page.getByText("pressed apple").first());
    await page.goBack();

    await page.getByRole("button", { name: "Map indexes of press" }).click();
    await page.getByRole("checkbox", { name: "Select press[2]" }).check();
    await page.getByRole("button", { name: "Mark success" }).click();
    const dialog = page.getByRole("dialog", { name: "Mark task instances success?" });
    expect(await dialog.textContent()).toContain("press[2]");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await pressStates()).toEqual(["success", "success", "success", "success"]);

    // Cleared alone, press[2] runs again over its own item (and the cherry jams again);
    // its siblings are left as they are.
    await page.getByRole("checkbox", { name: "Select press[2]" }).check();
    await page.getByRole("button", { name: "Clear", exact: true }).click();
    const clearing = page.getByRole("dialog", { name: "Clear task instances?" });
    expect(await clearing.textContent()).toContain("press[2]");
    await clearing.getByRole("button", { name: "Confirm" }).click();
    await clearing.waitFor({ state: "hidden" });
    await expect
      .poll(pressStates, { timeout: patience })
      .toEqual(["success", "success", "failed", "success"]);
  });
});
