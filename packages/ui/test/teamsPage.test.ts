import type { ControlPlane } from "@borda/server";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, TestResources } from "../../cli/test/support.js";
import {
  closeBrowser,
  describeWithBrowser,
  openBrowser,
  shows,
  signIn,
  type TestBrowser,
} from "./support/browser.js";
import { adminAuth } from "./support/standalone.js";

/**
 * The Teams page of a real control plane in a real Chromium: an Admin creates a team with
 * its queues, gives a user a role in it and changes that role, sees the API's reason when
 * a team cannot be deleted, and deletes one that can; the member then reads their team,
 * its queues and their role there, and sees their teams beside their name.
 */
describeWithBrowser("the Teams page", () => {
  const resources = new TestResources();
  let ui: TestBrowser;
  let page: Page;
  let server: ControlPlane;

  beforeAll(async () => {
    server = await startServer(
      resources,
      resources.dir("borda-ui-teams-"),
      {},
      {
        adminPassword: "admin",
      },
    );
    ui = await openBrowser();
    page = ui.page;
  });
  afterAll(() => closeBrowser(ui, () => resources.cleanup()));

  const patience = 30_000;
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        ...adminAuth,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const team = (name: string): Locator => page.getByRole("region", { name, exact: true });
  const goTo = (section: string) =>
    page
      .getByRole("navigation", { name: "Sections" })
      .getByRole("link", { name: section, exact: true })
      .click();

  it("creates a team with its queues", async () => {
    expect(
      (
        await call("POST", "/users", {
          username: "ana",
          password: "ana-pw-123",
          roles: [{ name: "Viewer" }],
        })
      ).status,
    ).toBe(200);
    await signIn(page, server.url, "admin", "admin");
    await goTo("Teams");
    await shows(page.getByRole("heading", { name: "Teams", level: 1 }));
    await shows(team("default"));

    await page.getByRole("button", { name: "Create team" }).click();
    const dialog = page.getByRole("dialog", { name: "Create team" });
    await dialog.getByLabel("Name").fill("sales");
    await dialog.getByLabel("Description").fill("Sales analytics");
    await dialog.getByLabel("Queues").fill("sales_*, sales");
    await dialog.getByRole("button", { name: "Create" }).click();
    await dialog.waitFor({ state: "hidden", timeout: patience });

    const queues = team("sales").getByRole("list", { name: "Queues of team sales" });
    await shows(queues);
    expect(await queues.getByRole("listitem").allTextContents()).toEqual(["sales_*", "sales"]);
    await shows(team("sales").getByText("Sales analytics"));
    await shows(team("sales").getByText("No members yet."));
    // The header says an Admin's teams are all of them, now there are two.
    await shows(page.getByRole("link", { name: "all teams" }));
  });

  it("refuses a queue another team owns, saying which", async () => {
    await page.getByRole("button", { name: "Create team" }).click();
    const dialog = page.getByRole("dialog", { name: "Create team" });
    await dialog.getByLabel("Name").fill("eu");
    await dialog.getByLabel("Queues").fill("sales_eu");
    await dialog.getByRole("button", { name: "Create" }).click();
    await shows(dialog.getByRole("alert").filter({ hasText: "team 'sales' owns" }));
    await dialog.getByRole("button", { name: "Cancel" }).click();
  });

  it("adds a member and changes their role", async () => {
    await team("sales").getByRole("button", { name: "Add a member to team sales" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a member to team sales" });
    await dialog.getByLabel("User").selectOption("ana");
    await dialog.getByLabel("Role").selectOption("User");
    await dialog.getByRole("button", { name: "Add" }).click();
    await dialog.waitFor({ state: "hidden", timeout: patience });

    const role = team("sales").getByLabel("Role of ana in team sales");
    await expect.poll(() => role.inputValue(), { timeout: patience }).toBe("User");
    await role.selectOption("Op");
    await expect
      .poll(
        async () => {
          const answer = await call("GET", "/teams/sales/members");
          return ((await answer.json()) as { members: unknown[] }).members;
        },
        { timeout: patience },
      )
      .toEqual([{ username: "ana", role: "Op" }]);
    await ui.screenshot("teams");
  });

  it("shows why a team that owns something cannot be deleted, and deletes it once it owns nothing", async () => {
    const token = await call("POST", "/edge/tokens", {
      name: "sales-workers",
      queues: ["sales_*"],
      team: "sales",
    });
    expect(token.status).toBe(200);
    const { id } = (await token.json()) as { id: string };
    await team("sales").getByRole("button", { name: "Delete team sales" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete team sales" });
    await dialog.getByRole("button", { name: "Delete" }).click();
    await shows(dialog.getByRole("alert").filter({ hasText: "still owns 1 worker tokens" }));
    await ui.screenshot("team-delete-refused");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    expect((await call("DELETE", `/edge/tokens/${id}`)).status).toBe(204);
    await team("sales").getByRole("button", { name: "Delete team sales" }).click();
    await dialog.getByRole("button", { name: "Delete" }).click();
    await dialog.waitFor({ state: "hidden", timeout: patience });
    await team("sales").waitFor({ state: "detached", timeout: patience });
    expect((await call("GET", "/teams/sales")).status).toBe(404);
  });

  it("shows a member their teams, their role in each and who else is in them, read-only", async () => {
    await call("POST", "/teams", { name: "ops", queues: ["ops"] });
    expect((await call("PUT", "/teams/ops/members/ana", { role: "Op" })).status).toBe(200);
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, server.url, "ana", "ana-pw-123");
    await shows(page.getByRole("link", { name: "Your teams: default (Viewer), ops (Op)" }));
    await goTo("Teams");
    await shows(team("ops"));
    await shows(team("default"));
    await shows(team("ops").getByText("Op", { exact: true }));
    const members = team("ops").getByRole("table", { name: "Members of team ops" });
    expect(await members.getByRole("row").allTextContents()).toEqual(["UsernameRole", "anaOp"]);
    expect(
      await page.getByRole("button", { name: /Create team|Delete team|Add a member/ }).count(),
    ).toBe(0);
    await ui.screenshot("teams-member");
  });
});
