// `npm run build:worker`: the edge worker as one file, for boxes without npm.
//
//   dist/borda-worker.mjs  `borda worker` bundled into one ES module; runs with Node >= 20.19
//   dist/borda-worker      the same as a self-contained executable: a Node single executable
//                          application with the Node that runs this script inside (Linux x64
//                          when built here), needing no Node on the box
//
// Both are packages/cli/src/workerMain.ts bundled by esbuild from the TypeScript sources
// (no `tsc` build first), without the control plane; each is its own runner process (see
// workerMain.ts). DAG bundles need nothing else on the box: the control plane bundles the
// SDK and every npm package into them.
//
// Options: --no-executable builds the .mjs alone; --out-dir <dir> writes there, not dist/.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
let options;
try {
  ({ values: options } = parseArgs({
    options: {
      "out-dir": { type: "string", default: path.join(root, "dist") },
      "no-executable": { type: "boolean", default: false },
    },
  }));
} catch (error) {
  fail(`${error.message} (options: --out-dir <dir>, --no-executable)`);
}
const outDir = path.resolve(options["out-dir"]);
const workerVersion = JSON.parse(
  readFileSync(path.join(root, "packages/worker/package.json"), "utf8"),
).version;

/**
 * version.ts reads the version from the package.json beside it at run time; a single file
 * has none, so the version is written in.
 */
const inlineWorkerVersion = {
  name: "inline-worker-version",
  setup(build) {
    build.onLoad({ filter: /[\\/]packages[\\/]worker[\\/]src[\\/]version\.ts$/ }, () => ({
      contents: `export const workerVersion: string = ${JSON.stringify(workerVersion)};`,
      loader: "ts",
    }));
  },
};

/**
 * The workspace packages' modules only define things; none runs code at import for its
 * effect. Said to esbuild, it leaves out the modules nothing uses (the worker imports
 * `@borda/protocol/edge`, which has no zod; docs/internals.md, "The worker loads no zod").
 */
const sideEffectFreeWorkspace = {
  name: "side-effect-free-workspace",
  setup(build) {
    build.onResolve(
      { filter: /^(\.|@borda\/)/ },
      async ({ path: specifier, pluginData, ...args }) => {
        if (pluginData?.resolving) return undefined;
        const resolved = await build.resolve(specifier, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { resolving: true },
        });
        const workspace = /[\\/]packages[\\/](protocol|sdk|worker|cli)[\\/]src[\\/]/;
        if (resolved.errors.length > 0 || !workspace.test(resolved.path)) return undefined;
        return { path: resolved.path, sideEffects: false };
      },
    );
  },
};

/**
 * The Python runtime (@borda/python's .py files, which run Python tasks) rides inside the
 * single file. The worker writes it out once, under the system's temporary directory and
 * named by its hash, and puts that directory on its Python runners' PYTHONPATH.
 */
const embeddedPythonRuntime = {
  name: "embedded-python-runtime",
  setup(build) {
    build.onResolve({ filter: /^@borda\/python$/ }, () => ({
      path: "python-runtime",
      namespace: "embedded",
    }));
    build.onLoad({ filter: /.*/, namespace: "embedded" }, () => {
      const files = pythonRuntimeFiles(path.join(root, "packages/python/src"));
      const hash = createHash("sha256").update(JSON.stringify(files)).digest("hex").slice(0, 16);
      return {
        loader: "js",
        contents: `
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
const files = ${JSON.stringify(files)};
export const pythonPath = path.join(tmpdir(), "borda-python-${hash}");
if (!existsSync(pythonPath)) {
  const partial = pythonPath + "." + process.pid + ".tmp";
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(partial, name)), { recursive: true });
    writeFileSync(path.join(partial, name), text);
  }
  try { renameSync(partial, pythonPath); } catch { rmSync(partial, { recursive: true, force: true }); }
}`,
      };
    });
  },
};

/** The runtime's .py files, relative path → text. */
function pythonRuntimeFiles(dir, prefix = "") {
  const files = {};
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const relative = prefix + entry.name;
    if (entry.isDirectory() && entry.name !== "__pycache__") {
      Object.assign(files, pythonRuntimeFiles(path.join(dir, entry.name), `${relative}/`));
    } else if (entry.name.endsWith(".py")) {
      files[relative] = readFileSync(path.join(dir, entry.name), "utf8");
    }
  }
  return files;
}

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  // The workspace packages from their sources, as vitest and the type checker see them.
  conditions: ["@borda/source"],
  legalComments: "none",
  logLevel: "warning",
};

const started = Date.now();
mkdirSync(outDir, { recursive: true });

/**
 * workerMain.ts imports each role's code dynamically, so a runner process evaluates
 * runnerMain and the SDK and not the worker, its zod schemas and commander: esbuild
 * wraps such a module to run when imported. It does not leave out unused modules in a
 * wrapped graph, though, which would cost the worker 7 MiB; so the worker's program is
 * bundled, pruned, on its own first, and goes into the single file as one module.
 */
step("bundle packages/cli/src/workerProgram.ts alone, pruned (esbuild)");
const workerProgram = await bundle({
  entryPoints: [path.join(root, "packages/cli/src/workerProgram.ts")],
  plugins: [inlineWorkerVersion, embeddedPythonRuntime, sideEffectFreeWorkspace],
  format: "esm",
  write: false,
  outfile: "workerProgram.js",
});
console.log(`  ${size(workerProgram.outputFiles[0].contents.length)}`);
const prebuiltWorkerProgram = {
  name: "prebuilt-worker-program",
  setup(build) {
    build.onResolve({ filter: /^\.\/workerProgram\.js$/ }, () => ({
      path: "workerProgram.js",
      namespace: "prebuilt",
    }));
    build.onLoad({ filter: /.*/, namespace: "prebuilt" }, () => ({
      contents: workerProgram.outputFiles[0].text,
      loader: "js",
    }));
  },
};
const singleFile = {
  entryPoints: [path.join(root, "packages/cli/src/workerMain.ts")],
  plugins: [prebuiltWorkerProgram, sideEffectFreeWorkspace],
  // Identifiers kept, for readable stacks; the rest of minifying saves 1 MiB of memory.
  minifyWhitespace: true,
  minifySyntax: true,
};

const mjs = path.join(outDir, "borda-worker.mjs");
step(`bundle ${shown(mjs)} (esbuild, ES module)`);
await bundle({
  ...singleFile,
  format: "esm",
  outfile: mjs,
  // commander is CommonJS: its require() calls need a require in an ES module.
  banner: {
    js: '#!/usr/bin/env node\nimport { createRequire as __bordaCreateRequire } from "node:module";\nconst require = __bordaCreateRequire(import.meta.url);',
  },
});
chmodSync(mjs, 0o755);
built(mjs);

if (!options["no-executable"]) {
  const cjs = path.join(outDir, "borda-worker.cjs");
  step(`bundle ${shown(cjs)} (esbuild, CommonJS: Node 20 takes only that as an executable's main)`);
  await bundle({
    ...singleFile,
    format: "cjs",
    outfile: cjs,
    // CommonJS has no import.meta; its url is the file's: inside the single executable
    // application, the executable's (workerMain.ts starts its runners by it).
    define: { "import.meta.url": "__bordaImportMetaUrl" },
    banner: {
      js: 'const __bordaImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
    },
  });
  built(cjs);
  await buildExecutable(cjs, path.join(outDir, "borda-worker"));
}
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);

async function bundle(options) {
  try {
    return await esbuild.build({ ...common, ...options });
  } catch (error) {
    // esbuild has printed the errors, with their places, already.
    const count = error.errors?.length ?? 0;
    fail(
      `esbuild could not bundle ${shown(options.entryPoints[0])}: ${count > 0 ? `${count} error(s), shown above` : error.message}.`,
    );
  }
}

/**
 * A Node single executable application: Node prepares a blob from the CommonJS main
 * script, and postject injects it into a copy of this Node's own binary.
 */
async function buildExecutable(mainScript, executable) {
  const fuse = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
  if (!readFileSync(process.execPath).includes(fuse)) {
    fail(
      `${process.execPath} (Node ${process.version}) was built without single executable application support: build with an official Node binary, or pass --no-executable for the .mjs alone.`,
    );
  }
  const blob = path.join(outDir, "borda-worker.blob");
  const seaConfig = path.join(outDir, "sea-config.json");
  step(`prepare ${shown(blob)} (node --experimental-sea-config, Node ${process.version})`);
  writeFileSync(
    seaConfig,
    JSON.stringify({ main: mainScript, output: blob, disableExperimentalSEAWarning: true }),
  );
  try {
    execFileSync(process.execPath, ["--experimental-sea-config", seaConfig], {
      stdio: ["ignore", "ignore", "pipe"],
    });
  } catch (error) {
    fail(
      `node --experimental-sea-config failed: ${error.stderr?.toString().trim() || error.message}`,
    );
  }
  built(blob);

  step(`inject it into a copy of ${process.execPath}: ${shown(executable)} (postject)`);
  rmSync(executable, { force: true });
  copyFileSync(process.execPath, executable);
  chmodSync(executable, 0o755);
  const { inject } = await import("postject");
  // LIEF, inside postject, warns about every ELF note section it leaves as it is.
  const warn = console.warn;
  console.warn = (...args) => {
    if (!/^warning: Can't find string offset for section name/.test(String(args[0]))) {
      warn(...args);
    }
  };
  try {
    await inject(executable, "NODE_SEA_BLOB", readFileSync(blob), { sentinelFuse: fuse });
  } catch (error) {
    rmSync(executable, { force: true });
    fail(`postject could not inject the blob into ${shown(executable)}: ${error.message}`);
  } finally {
    console.warn = warn;
  }
  rmSync(blob);
  rmSync(seaConfig);
  let version;
  try {
    version = execFileSync(executable, ["--version"], { encoding: "utf8" }).trim();
  } catch (error) {
    fail(`${shown(executable)} --version failed: ${error.stderr || error.message}`);
  }
  if (version !== workerVersion) {
    fail(`${shown(executable)} --version printed '${version}', not '${workerVersion}'.`);
  }
  built(executable);
}

function step(what) {
  console.log(`→ ${what}`);
}

function built(file) {
  console.log(`  ${shown(file)}: ${size(statSync(file).size)}`);
}

function size(bytes) {
  return bytes >= 2 ** 20
    ? `${(bytes / 2 ** 20).toFixed(1)} MiB`
    : `${Math.round(bytes / 1024)} KiB`;
}

function shown(file) {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative;
}

function fail(message) {
  console.error(`build:worker: ${message}`);
  process.exit(1);
}
