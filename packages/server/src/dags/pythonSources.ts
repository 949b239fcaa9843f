import { inflateRawSync } from "node:zlib";
import type { DagRecord, Store } from "../store/index.js";

/**
 * The Python sources a DAG's tasks run, read back from their bundles (zips written by
 * `borda._runtime.parse`): a Python DAG file's helper modules, and the files of a
 * TypeScript DAG's `python()` tasks with the modules they import. For people reading a
 * DAG in the UI; the DAG file itself has its own endpoint.
 */

export interface PythonSource {
  /** Relative to the DAGs folder. */
  path: string;
  content: string;
}

export async function pythonSourcesOf(store: Store, dag: DagRecord): Promise<PythonSource[]> {
  const version = dag.currentVersion;
  if (!version) return [];
  const hashes = new Set<string>();
  if (dag.fileloc.endsWith(".py")) hashes.add(version.bundleHash);
  for (const task of version.spec.tasks) {
    if (task.python?.bundleHash) hashes.add(task.python.bundleHash);
  }
  const sources = new Map<string, string>();
  for (const hash of hashes) {
    const bundle = await store.getBundle(hash);
    for (const [path, content] of bundle ? zipEntries(bundle) : []) {
      if (path !== dag.fileloc) sources.set(path, content);
    }
  }
  return [...sources]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, content]) => ({ path, content }));
}

/**
 * The files of a zip, name → text, from its central directory. Entries are stored or
 * deflated (the two methods Python's zipfile writes without extra modules).
 */
export function zipEntries(zip: Uint8Array): Map<string, string> {
  const bytes = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const entries = new Map<string, string>();
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) return entries;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  for (let i = 0; i < count && bytes.readUInt32LE(at) === 0x02014b50; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const name = bytes.toString("utf8", at + 46, at + 46 + nameLength);
    const local = bytes.readUInt32LE(at + 42);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    if (method === 0 || method === 8) {
      entries.set(name, (method === 0 ? data : inflateRawSync(data)).toString("utf8"));
    }
    at += 46 + skip;
  }
  return entries;
}
