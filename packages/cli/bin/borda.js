#!/usr/bin/env node
// The `borda` command. This file exists before the build, so npm links it on a fresh
// clone's first install (npm links no bin whose file is missing, and dist/ is built only
// after linking, by `prepare`); it runs the built CLI.
try {
  await import("../dist/main.js");
} catch (error) {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/main.js")) {
    process.stderr.write(
      "borda: the CLI is not built yet; run `npm run build` in the repository.\n",
    );
    process.exit(1);
  }
  throw error;
}
