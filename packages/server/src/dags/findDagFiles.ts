import { readdir } from "node:fs/promises";
import path from "node:path";

/** What a DAG file's name ends with: TypeScript and JavaScript, and Python. */
export const dagFileExtensions = [".ts", ".mts", ".js", ".mjs", ".py"] as const;
const dagFilePattern = /\.(ts|mts|js|mjs|py)$/;
const declarationFilePattern = /\.d\.m?ts$/;

export const isPythonFile = (fileloc: string) => fileloc.endsWith(".py");

/** Whether a path under the DAGs folder may hold DAG files (not node_modules, not a dot-dir). */
export function isWatchedPath(relative: string): boolean {
  return !relative
    .split(/[\\/]/)
    .some((part) => part === "node_modules" || part === "__pycache__" || part.startsWith("."));
}

/** The DAG files under `root`, relative with forward slashes, sorted. */
export async function findDagFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relativeDir: string): Promise<void> => {
    const entries = await readdir(path.join(root, relativeDir), { withFileTypes: true }).catch(
      (error: NodeJS.ErrnoException) => {
        // A folder removed while we walk is simply gone.
        if (error.code === "ENOENT" || error.code === "ENOTDIR") return [];
        throw error;
      },
    );
    for (const entry of entries) {
      const relative = relativeDir === "" ? entry.name : `${relativeDir}/${entry.name}`;
      if (!isWatchedPath(entry.name)) continue;
      if (entry.isDirectory()) await walk(relative);
      else if (dagFilePattern.test(entry.name) && !declarationFilePattern.test(entry.name)) {
        found.push(relative);
      }
    }
  };
  await walk("");
  return found.sort();
}
