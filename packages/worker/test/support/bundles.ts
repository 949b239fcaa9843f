import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

/**
 * Builds a DAG bundle the way the control plane does (one self-contained ESM file, the SDK
 * inside), from the source of a DAG file. Imports of "borda" resolve to the SDK.
 */
const packageDir = fileURLToPath(new URL("../..", import.meta.url));

export interface TestBundle {
  hash: string;
  content: Uint8Array;
}

export async function buildBundle(source: string, fileName = "dag.ts"): Promise<TestBundle> {
  const result = await esbuild.build({
    stdin: { contents: source, sourcefile: fileName, resolveDir: packageDir, loader: "ts" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: "inline",
    sourcesContent: false,
    alias: { borda: "@borda/sdk" },
    logLevel: "silent",
  });
  const content = result.outputFiles[0]?.contents;
  if (!content) throw new Error("esbuild produced no bundle");
  return { hash: createHash("sha256").update(content).digest("hex"), content };
}
