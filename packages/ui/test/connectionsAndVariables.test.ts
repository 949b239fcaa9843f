import type { ControlPlane } from "@borda/server";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, TestResources } from "../../cli/test/support.js";
import { describeWithBrowser, openBrowser, type TestBrowser } from "./support/browser.js";

const password = "Horse-Battery-9-Staple";
const apiKey = "k-5f0c1a2b3c";
const firstToken = "tok-first-0a1b2c";
const secondToken = "tok-second-3d4e5f";

/**
 * The Connections and Variables pages of a real control plane in a real Chromium: a
 * connection's password goes in through the UI and never comes back out, not into an edit
 * form nor anywhere in the page, and an edit that leaves it alone keeps it; a variable
 * whose key names a secret stays hidden until revealed, and its edited value is stored.
 */
describeWithBrowser("connections and variables in the web UI", () => {
  const resources = new TestResources();
  let ui: TestBrowser;
  let page: Page;
  /** Tests connections (BORDA_TEST_CONNECTION=true). */
  let server: ControlPlane;
  /** Keeps connection tests off, as by default. */
  let locked: ControlPlane;

  beforeAll(async () => {
    const config = { adminPassword: "admin" };
    server = await startServer(
      resources,
      resources.dir("borda-ui-creds-"),
      {},
      {
        ...config,
        testConnection: true,
      },
    );
    locked = await startServer(resources, resources.dir("borda-ui-creds-locked-"), {}, config);
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
  const auth = { authorization: `Basic ${Buffer.from("admin:admin").toString("base64")}` };
  const read = async <T>(path: string): Promise<T> => {
    const answer = await fetch(`${server.url}/api/v1${path}`, { headers: auth });
    expect(answer.status).toBe(200);
    return (await answer.json()) as T;
  };
  const row = (name: string): Locator => page.getByRole("row").filter({ hasText: name });
  const shows = (locator: Locator) =>
    locator.first().waitFor({ state: "visible", timeout: patience });
  const comesToSay = (locator: Locator, text: string) =>
    expect.poll(() => locator.first().textContent(), { timeout: patience }).toContain(text);
  const goTo = (section: string) =>
    page
      .getByRole("navigation", { name: "Sections" })
      .getByRole("link", { name: section, exact: true })
      .click();
  const signIn = async (url: string) => {
    await page.goto(url);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("admin");
    await page.getByRole("button", { name: "Sign in" }).click();
  };
  /** What the page holds, hidden parts included: form values as the DOM has them too. */
  const pageText = () =>
    page.evaluate(() => {
      const values = [...document.querySelectorAll("input, textarea")].map(
        (field) => (field as HTMLInputElement).value,
      );
      return [document.documentElement.outerHTML, ...values].join("\n");
    });

  it("creates a connection with a password after testing that the control plane reaches it", async () => {
    await signIn(server.url);
    await goTo("Connections");
    await shows(page.getByRole("heading", { name: "Connections", level: 1 }));
    await page.getByRole("button", { name: "Create connection" }).click();
    const dialog = page.getByRole("dialog", { name: "Create connection" });
    const { hostname, port } = new URL(server.url);
    await dialog.getByLabel("Connection id").fill("warehouse_db");
    await dialog.getByLabel("Type").fill("postgres");
    await dialog.getByLabel("Host").fill(hostname);
    await dialog.getByLabel("Port").fill(port);
    await dialog.getByLabel("Login").fill("etl");
    await dialog.getByLabel("Password", { exact: true }).fill(password);
    await dialog.getByLabel("Extra").fill('{"sslmode": "require", "api_key": ');
    await shows(dialog.getByText("Extra: not valid JSON"));
    await dialog.getByLabel("Extra").fill(`{"sslmode": "require", "api_key": "${apiKey}"}`);
    await dialog.getByLabel("Queues").fill("site_a_*, site_b");
    await dialog.getByRole("button", { name: "Test" }).click();
    await comesToSay(
      dialog.getByRole("status"),
      `Reached: The control plane reached ${hostname}:${port}`,
    );
    await dialog.getByRole("button", { name: "Create" }).click();
    await dialog.waitFor({ state: "hidden", timeout: patience });

    await comesToSay(row("warehouse_db"), "set");
    const scope = page.getByRole("list", { name: "Queues that may read warehouse_db" });
    expect(await scope.getByRole("listitem").allTextContents()).toEqual(["site_a_*", "site_b"]);
    await ui.screenshot("connections");
    const text = await pageText();
    expect(text).not.toContain(password);
    expect(text).not.toContain(apiKey);

    const stored = await read<{ has_password: boolean; extra: string; queues: string[] }>(
      "/connections/warehouse_db",
    );
    expect(stored).toMatchObject({ has_password: true, queues: ["site_a_*", "site_b"] });
    expect(JSON.parse(stored.extra)).toEqual({ sslmode: "require", api_key: "***" });
  });

  it("edits the connection with an empty password field, sends only what changed, and keeps the password", async () => {
    await page.getByRole("button", { name: "Edit connection warehouse_db" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit warehouse_db" });
    const passwordField = dialog.getByLabel("Password", { exact: true });
    await shows(passwordField);
    expect(await passwordField.inputValue()).toBe("");
    await shows(dialog.getByText("A password is set; leave this empty to keep it."));
    expect(JSON.parse(await dialog.getByLabel("Extra").inputValue())).toEqual({
      sslmode: "require",
      api_key: "***",
    });
    await ui.screenshot("connection-edit");
    const text = await pageText();
    expect(text).not.toContain(password);
    expect(text).not.toContain(apiKey);

    await dialog.getByLabel("Login").fill("etl_reader");
    const [patch] = await Promise.all([
      page.waitForRequest(
        (request) => request.method() === "PATCH" && request.url().includes("/api/v1/connections/"),
      ),
      dialog.getByRole("button", { name: "Save" }).click(),
    ]);
    expect(new URL(patch.url()).searchParams.get("update_mask")).toBe("login");
    expect(patch.postDataJSON()).toEqual({ login: "etl_reader" });
    await dialog.waitFor({ state: "hidden", timeout: patience });
    await comesToSay(row("warehouse_db"), "etl_reader");

    const stored = await read<{ has_password: boolean; login: string; extra: string }>(
      "/connections/warehouse_db",
    );
    expect(stored).toMatchObject({ has_password: true, login: "etl_reader" });
    expect(JSON.parse(stored.extra)).toEqual({ sslmode: "require", api_key: "***" });
  });

  it("creates a variable whose key names a secret, and edits its value only after revealing it", async () => {
    await goTo("Variables");
    await page.getByRole("button", { name: "Create variable" }).click();
    const create = page.getByRole("dialog", { name: "Create variable" });
    await create.getByLabel("Key").fill("deploy_token");
    await create.getByLabel("Value").fill(firstToken);
    await create.getByLabel("Description").fill("Pushes releases");
    await create.getByRole("button", { name: "Create" }).click();
    await create.waitFor({ state: "hidden", timeout: patience });
    await comesToSay(row("deploy_token"), "every queue");
    await ui.screenshot("variables");
    expect(await read<{ value: string }>("/variables/deploy_token")).toMatchObject({
      value: firstToken,
    });

    await page.getByRole("button", { name: "Edit variable deploy_token" }).click();
    const edit = page.getByRole("dialog", { name: "Edit deploy_token" });
    const reveal = edit.getByRole("button", { name: "Reveal the value of deploy_token" });
    await shows(reveal);
    await ui.screenshot("variable-edit");
    expect(await pageText()).not.toContain(firstToken);
    await reveal.click();
    expect(await edit.getByLabel("Value").inputValue()).toBe(firstToken);
    await edit.getByLabel("Value").fill(secondToken);
    await edit.getByRole("button", { name: "Save" }).click();
    await edit.waitFor({ state: "hidden", timeout: patience });

    expect(await read("/variables/deploy_token")).toEqual({
      key: "deploy_token",
      value: secondToken,
      description: "Pushes releases",
      queues: null,
    });
  });

  it("deletes the connection after asking", async () => {
    await goTo("Connections");
    await page.getByRole("button", { name: "Delete connection warehouse_db" }).click();
    await page
      .getByRole("dialog", { name: "Delete warehouse_db" })
      .getByRole("button", { name: "Delete" })
      .click();
    await shows(page.getByText("No connections yet."));
    const answer = await fetch(`${server.url}/api/v1/connections/warehouse_db`, { headers: auth });
    expect(answer.status).toBe(404);
  });

  it("says why a connection cannot be tested when the control plane does not allow it", async () => {
    await signIn(`${locked.url}/connections`);
    await page.getByRole("button", { name: "Create connection" }).click();
    const dialog = page.getByRole("dialog", { name: "Create connection" });
    await dialog.getByLabel("Connection id").fill("plant_db");
    await dialog.getByLabel("Type").fill("postgres");
    await dialog.getByLabel("Host").fill("127.0.0.1");
    await dialog.getByLabel("Port").fill("5432");
    await dialog.getByRole("button", { name: "Test" }).click();
    await comesToSay(dialog.getByRole("alert"), "Testing connections is disabled");
    await comesToSay(dialog.getByRole("alert"), "BORDA_TEST_CONNECTION=true");
  });
});
