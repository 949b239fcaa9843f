import { mkdirSync } from "node:fs";
import path from "node:path";
import type { ControlPlane } from "@borda/server";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually, startServer, TestResources } from "../../cli/test/support.js";
import { edgeClient } from "../../server/test/support/controlPlane.js";
import {
  closeBrowser,
  describeWithBrowser,
  openBrowser,
  shows,
  signIn,
  type TestBrowser,
} from "./support/browser.js";
import { adminAuth } from "./support/standalone.js";

/** A one-task DAG; its folder under the DAGs folder says which team it is. */
const dagSource = (id: string) =>
  `import { dag } from "borda";\nexport default dag({ id: "${id}" }, ({ task }) => {\n  task({ id: "t" }, async () => {});\n});\n`;

/**
 * Teams through the web UI of a real control plane in a real Chromium (docs/teams.md): an
 * Admin creates teams A and B on the Teams page and a user of team A on the Admin page;
 * that user then sees only team A's DAGs, pools and workers, and a team B run opened by
 * its URL is not found, exactly as a run that does not exist.
 */
describeWithBrowser("what a team's member sees in the web UI", () => {
  const resources = new TestResources();
  let ui: TestBrowser;
  let page: Page;
  let server: ControlPlane;

  beforeAll(async () => {
    const home = resources.dir("borda-ui-team-visibility-");
    for (const team of ["team_a", "team_b"]) {
      mkdirSync(path.join(home, "dags", team), { recursive: true });
    }
    server = await startServer(
      resources,
      home,
      {
        "team_a/report_a.ts": dagSource("report_a"),
        "team_b/report_b.ts": dagSource("report_b"),
      },
      { adminPassword: "admin" },
    );
    ui = await openBrowser();
    page = ui.page;
  });
  afterAll(() => closeBrowser(ui, () => resources.cleanup()));

  const patience = 30_000;
  const call = async (method: string, route: string, body?: unknown) => {
    const answer = await fetch(`${server.url}/api/v1${route}`, {
      method,
      headers: {
        ...adminAuth,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: answer.status, body: (await answer.json().catch(() => null)) as never };
  };
  const row = (name: string): Locator => page.getByRole("row").filter({ hasText: name });
  const goTo = (section: string) =>
    page
      .getByRole("navigation", { name: "Sections" })
      .getByRole("link", { name: section, exact: true })
      .click();

  it("lets an Admin create two teams on the Teams page and a user of team A on the Admin page", async () => {
    await signIn(page, server.url, "admin", "admin");
    await goTo("Teams");
    for (const team of ["team_a", "team_b"]) {
      await page.getByRole("button", { name: "Create team" }).click();
      const dialog = page.getByRole("dialog", { name: "Create team" });
      await dialog.getByLabel("Name").fill(team);
      await dialog.getByLabel("Queues").fill(`${team}_*`);
      await dialog.getByRole("button", { name: "Create" }).click();
      await dialog.waitFor({ state: "hidden", timeout: patience });
      await shows(page.getByRole("region", { name: team, exact: true }));
    }

    await goTo("Admin");
    await page.getByRole("button", { name: "Create user" }).click();
    const dialog = page.getByRole("dialog", { name: "Create user" });
    await dialog.getByLabel("Username").fill("alice");
    await dialog.getByLabel("Password").fill("alice-password");
    await dialog.getByLabel("Role").selectOption("Op");
    await dialog.getByLabel("Team").selectOption("team_a");
    await dialog.getByRole("button", { name: "Create" }).click();
    await dialog.waitFor({ state: "hidden", timeout: patience });
    expect((await call("GET", "/teams/team_a/members")).body).toMatchObject({
      members: [{ username: "alice", role: "Op" }],
    });
  });

  it("gives each team a DAG, a run, a pool and a worker", async () => {
    for (const team of ["team_a", "team_b"]) {
      const pool = await call("POST", "/pools", { name: `${team}_pool`, slots: 2, team });
      expect(pool.status).toBe(200);
      const token = await call("POST", "/edge/tokens", {
        name: `${team}-workers`,
        queues: [`${team}_*`],
        team,
      });
      expect(token.status).toBe(200);
      const worker = edgeClient(server, (token.body as { token: string }).token, `${team}-worker`);
      expect((await worker.register([`${team}_etl`])).status).toBe(200);
    }
    for (const dagId of ["report_a", "report_b"]) {
      await eventually(
        async () => (await call("GET", `/dags/${dagId}`)).status === 200,
        `${dagId} to be parsed`,
      );
      const run = await call("POST", `/dags/${dagId}/dagRuns`, { dag_run_id: `${dagId}_run` });
      expect(run.status).toBe(200);
    }
  });

  it("lets an Admin create a pool in the team they choose, and names each pool's team", async () => {
    await goTo("Pools");
    await page.getByRole("button", { name: "Create pool" }).click();
    const dialog = page.getByRole("dialog", { name: "Create pool" });
    await dialog.getByLabel("Name").fill("team_b_ui_pool");
    await dialog.getByLabel("Slots").fill("3");
    await dialog.getByLabel("Team").selectOption("team_b");
    await dialog.getByRole("button", { name: "Create" }).click();
    await dialog.waitFor({ state: "hidden", timeout: patience });
    await shows(row("team_b_ui_pool"));
    await ui.screenshot("team-pools");
    expect((await call("GET", "/pools/team_b_ui_pool")).body).toMatchObject({ team: "team_b" });
    const teamColumn = await page.getByRole("columnheader").allTextContents();
    const cells = await row("team_b_ui_pool").getByRole("cell").allTextContents();
    expect(cells[teamColumn.indexOf("Team") - 1]).toBe("team_b");
  });

  it("shows team A's user their team beside their name", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, server.url, "alice", "alice-password");
    await shows(page.getByRole("link", { name: "Your teams: team_a (Op)" }));
  });

  it("lists only team A's DAGs", async () => {
    await goTo("DAGs");
    await shows(row("report_a"));
    expect(await row("report_b").count()).toBe(0);
  });

  it("lists only team A's workers", async () => {
    await goTo("Edge workers");
    await shows(row("team_a-worker"));
    expect(await row("team_b-worker").count()).toBe(0);
  });

  it("lists only team A's pools", async () => {
    await goTo("Pools");
    await shows(row("team_a_pool"));
    expect(await row("team_b_pool").count()).toBe(0);
    expect(await row("team_b_ui_pool").count()).toBe(0);
    // default_pool is the default team's, which alice is not in.
    expect(await row("default_pool").count()).toBe(0);
    await ui.screenshot("team-member-pools");
  });

  it("answers a team B run opened by its URL as not found, as a run that does not exist", async () => {
    await page.goto(`${server.url}/dags/report_b/runs/report_b_run`);
    await shows(page.getByRole("alert"));
    const refused = await page.getByRole("alert").textContent();
    expect(refused).toMatch(/not found/i);
    expect(await page.getByRole("heading", { name: "Task instances" }).count()).toBe(0);

    await page.goto(`${server.url}/dags/report_b/runs/no_such_run`);
    await shows(page.getByRole("alert"));
    const missing = await page.getByRole("alert").textContent();
    expect(missing?.replace("no_such_run", "report_b_run")).toBe(refused);

    // Its own team's run is there.
    await page.goto(`${server.url}/dags/report_a/runs/report_a_run`);
    await shows(page.getByRole("heading", { name: "Task instances" }));
  });
});
