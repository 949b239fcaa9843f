import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serverSettings } from "@borda/server/config";
import { workerSettings } from "@borda/worker";
import { describe, expect, it } from "vitest";
import { configReference } from "../src/configReference.js";

const committed = fileURLToPath(new URL("../../../docs/configuration.md", import.meta.url));

describe("the configuration reference", () => {
  it("is what the settings tables and the API options generate today", () => {
    expect(
      readFileSync(committed, "utf8"),
      "docs/configuration.md is stale: run `npm run docs:config`",
    ).toBe(configReference());
  });

  it("has a row for every setting of the control plane and the worker, and the API options", () => {
    const rows = configReference()
      .split("\n")
      .filter((line) => line.startsWith("| `"));
    const settings = [...Object.values(serverSettings), ...Object.values(workerSettings)];
    for (const setting of settings) {
      expect(rows.some((row) => row.startsWith(`| \`${setting.env}\``))).toBe(true);
    }
    for (const flag of ["--api-url <url>", "--token <token>", "--user <user:password>"]) {
      expect(rows.some((row) => row.startsWith(`| \`${flag}\``))).toBe(true);
    }
  });
});
