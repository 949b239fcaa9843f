// Prints, as one JSON object, the DAG spec the TypeScript SDK produces for each DAG file
// named on the command line (keyed by file name): bundled with esbuild against the SDK's
// source, as the DAG processor bundles them, then imported. The Python SDK's tests compare
// their DAGs with these.
// Usage: node typescript_specs.mjs <repo root> <dag file>...
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const [root, ...files] = process.argv.slice(2);
const sdk = path.join(root, "packages/sdk/src/index.ts");
const dir = await mkdtemp(path.join(tmpdir(), "borda-ts-specs-"));
const specs = {};
try {
  for (const file of files) {
    const result = await esbuild.build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      logLevel: "silent",
      plugins: [
        {
          name: "borda-sdk",
          setup(build) {
            build.onResolve({ filter: /^(borda|@borda\/sdk)$/ }, () => ({ path: sdk }));
          },
        },
      ],
    });
    const out = path.join(dir, `${path.basename(file)}.mjs`);
    await writeFile(out, result.outputFiles[0].contents);
    const module = await import(pathToFileURL(out).href);
    const handle = module.default[Symbol.for("borda.dag")];
    specs[path.basename(file)] = handle.spec();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(specs)}\n`);
