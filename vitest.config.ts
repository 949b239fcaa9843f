import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@borda/source"] },
  ssr: { resolve: { conditions: ["@borda/source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
