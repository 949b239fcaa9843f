import path from "node:path";
import { pathToFileURL } from "node:url";
import { getDagHandle } from "@borda/sdk";
import type { EvaluatedDag, Evaluation } from "./evaluateBundle.js";

/**
 * The child process that imports a DAG bundle (run with --enable-source-maps, so stacks
 * point at the user's file). Arguments: the bundle's path, and the user's file as the
 * bundle's source map names it. It reports one `Evaluation` over IPC and exits, even if
 * the file left timers or sockets open.
 */

const [bundlePath = "", sourceFile = ""] = process.argv.slice(2);
const bundleDir = path.dirname(bundlePath);

/** Every DAG declared while importing, exported or not (the SDK calls this hook). */
const declared = new Set<unknown>();
(globalThis as Record<symbol, unknown>)[Symbol.for("borda.dagDeclared")] = (dag: unknown) => {
  declared.add(dag);
};

function report(evaluation: Evaluation): void {
  if (!process.send) throw new Error("evaluateBundleChild must be started with an IPC channel");
  process.send(evaluation, () => process.exit(0));
}

try {
  report(evaluate(await import(pathToFileURL(bundlePath).href)));
} catch (error) {
  const stack = error instanceof Error ? error.stack : undefined;
  const thrownAt = firstUserFrame(stack);
  const where =
    thrownAt && thrownAt.file !== sourceFile
      ? ` (thrown at ${thrownAt.file}:${thrownAt.line})`
      : "";
  report({
    ok: false,
    message: `Importing the file threw: ${describe(error)}${where}`,
    line: lineInSourceFile(stack),
  });
}

function evaluate(module: Record<string, unknown>): Evaluation {
  const dags: EvaluatedDag[] = [];
  const exported = new Set<unknown>();
  for (const [name, value] of Object.entries(module)) {
    const handle = getDagHandle(value);
    if (!handle) {
      if (typeof value === "object" && value !== null && Symbol.for("borda.dag") in value) {
        return {
          ok: false,
          line: null,
          message: `Export '${name}' is a DAG made by a Borda SDK this server does not support: use the same Borda version for the DAG files and the server.`,
        };
      }
      continue;
    }
    if (exported.has(value)) continue;
    exported.add(value);
    const spec = handle.spec();
    const taskIds = (spec as { tasks?: { taskId?: unknown }[] } | null)?.tasks ?? [];
    const taskLines: Record<string, number> = {};
    for (const { taskId } of Array.isArray(taskIds) ? taskIds : []) {
      const line =
        typeof taskId === "string" ? lineInSourceFile(handle.declarationStack?.(taskId)) : null;
      if (typeof taskId === "string" && line !== null) taskLines[taskId] = line;
    }
    dags.push({ spec, line: lineInSourceFile(handle.declarationStack?.()), taskLines });
  }
  for (const dag of declared) {
    if (exported.has(dag)) continue;
    const handle = getDagHandle(dag);
    const dagId = (dag as { dagId?: unknown }).dagId;
    return {
      ok: false,
      line: lineInSourceFile(handle?.declarationStack?.()),
      message: `DAG '${String(dagId)}' is declared but not exported, so Borda cannot find it: write \`export default dag(...)\` (or \`export const ${String(dagId).replace(/\W/g, "_")} = dag(...)\`).`,
    };
  }
  return { ok: true, dags };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.name === "Error" ? error.message : `${error.name}: ${error.message}`;
}

interface Frame {
  /** Relative to the DAGs folder, as in the source map. */
  file: string;
  line: number;
}

/** Stack frames that point into the user's files (not the SDK, npm packages or Node). */
function userFrames(stack: string | undefined): Frame[] {
  const frames: Frame[] = [];
  for (const text of stack?.split("\n").slice(1) ?? []) {
    const match = /\(?(?:file:\/\/)?([^\s()]+):(\d+):\d+\)?\s*$/.exec(text);
    if (!match?.[1]) continue;
    const file = path.relative(bundleDir, match[1]).split(path.sep).join("/");
    if (file.startsWith("..") || file.includes("node_modules/") || file === "bundle.mjs") continue;
    frames.push({ file, line: Number(match[2]) });
  }
  return frames;
}

function firstUserFrame(stack: string | undefined): Frame | undefined {
  return userFrames(stack)[0];
}

function lineInSourceFile(stack: string | undefined): number | null {
  return userFrames(stack).find((frame) => frame.file === sourceFile)?.line ?? null;
}
