import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@borda/source"] },
  ssr: { resolve: { conditions: ["@borda/source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts"],
    // Every answer a test reads from /api/v1 or /edge/v1 is checked against the OpenAPI document.
    setupFiles: ["packages/server/test/support/setupOpenApiCheck.ts"],
    globalSetup: [
      "packages/server/test/support/announceSkips.ts",
      // Fails the run if a process a test started outlives it (test/leftoverProcesses.ts).
      "packages/cli/test/leftoverProcesses.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
