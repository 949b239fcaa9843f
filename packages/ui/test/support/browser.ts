/// <reference lib="dom" />
// For the page.evaluate bodies below, which run in the browser.
/**
 * A real Chromium (Debian's package) driven by playwright-core, for the browser suites.
 * Never `playwright install`: the browser is the system's. Where it is missing, the suites
 * are skipped with a message saying how to install it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { describe } from "vitest";

const chromiumPath =
  process.env.BORDA_TEST_CHROMIUM ??
  ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => existsSync(candidate));

/** `describe`, or `describe.skip` with how to get a browser in its title. */
export function describeWithBrowser(title: string, suite: () => void): void {
  if (chromiumPath) describe(title, suite);
  else {
    describe.skip(
      `${title} — Chromium not found; install it (apt-get install -y chromium) or set BORDA_TEST_CHROMIUM`,
      suite,
    );
  }
}

/** Where screenshots go: BORDA_SCREENSHOTS_DIR (`npm run screenshots` sets docs/screenshots). */
export const screenshotsDir = path.resolve(
  process.env.BORDA_SCREENSHOTS_DIR ??
    fileURLToPath(new URL("../../test-results/screenshots", import.meta.url)),
);

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /**
   * Checks the accessible basics of the page as it is (every control has a name), then
   * saves it as `<name>.png` in the screenshots folder.
   */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Closes the browser, then `cleanup` (the test's processes), even when the browser fails to close. */
export async function closeBrowser(
  ui: TestBrowser | undefined,
  cleanup: () => Promise<void>,
): Promise<void> {
  try {
    await ui?.close();
  } finally {
    await cleanup();
  }
}

/** Until the first element `locator` finds is visible (30 s at most: CI machines are slow). */
export const shows = (locator: Locator) =>
  locator.first().waitFor({ state: "visible", timeout: 30_000 });

/** Opens `url` and signs in through the sign-in form. */
export async function signIn(page: Page, url: string, username: string, password: string) {
  await page.goto(url);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function openBrowser(): Promise<TestBrowser> {
  if (!chromiumPath) throw new Error("no Chromium: wrap the suite in describeWithBrowser");
  const profile = mkdtempSync(path.join(tmpdir(), "borda-chromium-"));
  // A fresh profile each time. As root in a container Chromium needs no sandbox; the rest
  // keeps it off the network (no updates, sync or QUIC): it only talks to the server under test.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(screenshotsDir, { recursive: true });
  return {
    context,
    page,
    screenshot: async (name) => {
      const unnamed = await unnamedControls(page);
      if (unnamed.length > 0) {
        throw new Error(`${name}: controls without an accessible name: ${unnamed.join(", ")}`);
      }
      await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: false });
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Form controls and buttons a screen reader could not name: no label, no aria-label or
 * aria-labelledby, no title, and (for buttons and links) no text or named image inside.
 */
function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("input, select, textarea, button, a[href]")]
      .filter((element) => {
        if ((element as HTMLInputElement).type === "hidden") return false;
        const labels = (element as HTMLInputElement).labels;
        const named =
          (labels && labels.length > 0) ||
          element.getAttribute("aria-label") ||
          element.getAttribute("aria-labelledby") ||
          element.getAttribute("title") ||
          ((element.tagName === "BUTTON" || element.tagName === "A") &&
            ((element.textContent ?? "").trim() ||
              element.querySelector("[aria-label], img[alt]")));
        return !named;
      })
      .map((element) => element.outerHTML.slice(0, 120)),
  );
}
