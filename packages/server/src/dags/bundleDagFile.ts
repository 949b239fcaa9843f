import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import * as esbuild from "esbuild";

/**
 * Bundles one DAG file into one ESM file: the user's code, its local imports and npm
 * packages, and the SDK. The bundle is what workers run, addressed by the sha256 of its
 * bytes. Paths in it (comments, the inline source map) are relative to `root`, so the
 * same input gives the same bytes wherever the DAGs folder sits; only the SDK's path,
 * relative to the folder, depends on where Borda is installed.
 */

export type DagFileEntry =
  /** A file of the DAGs folder: `file` relative to `root`. */
  | { root: string; file: string }
  /** An uploaded file: `fileName` names it in messages and source maps; imports resolve from `root`. */
  | { root: string; fileName: string; source: string };

export interface DagBundle {
  hash: string;
  content: Uint8Array;
  /** Absolute paths of every file the bundle was built from (for change detection). */
  inputs: string[];
}

export type BundleOutcome =
  | { ok: true; bundle: DagBundle }
  | { ok: false; message: string; line: number | null };

/** DAG files import "borda" (or "@borda/sdk"); both mean the SDK this server runs. */
const sdkEntry = createRequire(import.meta.url).resolve("@borda/sdk");
const resolveSdk: esbuild.Plugin = {
  name: "borda-sdk",
  setup(build) {
    build.onResolve({ filter: /^(borda|@borda\/sdk)$/ }, () => ({ path: sdkEntry }));
  },
};

/**
 * esbuild turns `require()` in bundled CommonJS packages into a shim that only works
 * when a `require` is in scope; ESM has none, so the bundle makes one. esbuild renames a
 * user's own top-level `require` out of the way.
 */
const requireShim =
  'import { createRequire as __bordaCreateRequire } from "node:module";\nconst require = __bordaCreateRequire(import.meta.url);';

const loaders: Record<string, esbuild.Loader> = {
  ".ts": "ts",
  ".mts": "ts",
  ".js": "js",
  ".mjs": "js",
};

export async function bundleDagFile(entry: DagFileEntry): Promise<BundleOutcome> {
  const entryName = "file" in entry ? entry.file : entry.fileName;
  const options: esbuild.BuildOptions = {
    absWorkingDir: entry.root,
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: "inline",
    sourcesContent: false,
    banner: { js: requireShim },
    plugins: [resolveSdk],
    logLevel: "silent",
    ...("file" in entry
      ? { entryPoints: [entry.file] }
      : {
          stdin: {
            contents: entry.source,
            sourcefile: entry.fileName,
            resolveDir: entry.root,
            loader: loaders[path.extname(entry.fileName)] ?? "ts",
          },
        }),
  };
  let result: esbuild.BuildResult<{ write: false; metafile: true }>;
  try {
    result = (await esbuild.build(options)) as esbuild.BuildResult<{
      write: false;
      metafile: true;
    }>;
  } catch (error) {
    const failure = error as esbuild.BuildFailure;
    if (!Array.isArray(failure.errors)) throw error;
    return describeFailure(failure.errors, entryName);
  }
  const content = result.outputFiles[0]?.contents;
  if (!content) throw new Error(`esbuild produced no output for ${entryName}`);
  return {
    ok: true,
    bundle: {
      hash: createHash("sha256").update(content).digest("hex"),
      content,
      inputs: Object.keys(result.metafile.inputs)
        .filter((input) => input !== "<stdin>")
        .map((input) => path.resolve(entry.root, input)),
    },
  };
}

function describeFailure(errors: esbuild.Message[], entryName: string): BundleOutcome {
  const shown = errors.slice(0, 5).map((error) => {
    const where = error.location
      ? `${error.location.file}:${error.location.line}:${error.location.column + 1}`
      : entryName;
    const hint = /^Could not resolve/.test(error.text)
      ? " (fix the import path, or install the package where the DAGs folder can find it)"
      : "";
    return `${where}: ${error.text}${hint}`;
  });
  if (errors.length > shown.length) shown.push(`... and ${errors.length - shown.length} more`);
  const first = errors[0]?.location;
  return {
    ok: false,
    message: `Bundling the file failed: ${shown.join("\n")}`,
    line: first && first.file === entryName ? first.line : null,
  };
}
